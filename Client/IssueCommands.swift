import ArgumentParser
import Foundation
import LantianClient
import LantianDomain
import LantianFiles

struct Issue: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "问题：排查、交办、整改、核查、销号。Issues: report, assign, rectify, verify, close out.",
        subcommands: [Report.self, List.self, Show.self, Assign.self, Start.self, Rectified.self, Verify.self, Reject.self,
                      Reopen.self, Escalate.self, AddEvidence.self, Extend.self, Extension.self, Transfer.self])

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "上报发现的问题（网格员）。Report an issue found (grid officer).")
        @OptionGroup var common: CommonOptions
        @Option(help: "类别：scattered-polluting, straw-burning, dust, dustfall；不给则询问。The category; asked if missing.") var category: InspectionCategory?
        @Option(help: "标题，不给则询问。A short title; asked if missing.") var title: String?
        @Option(help: "网格编码，默认按位置或本人网格。The grid node; default from the location or your own cell.") var node: String?
        @OptionGroup var location: LocationOptions
        @OptionGroup var details: NoteOptions

        func run() throws {
            try common.run { client, texts in
                let prompter = Prompter.terminal(texts)
                try client.checkGridSynced()
                let place = try location.location()
                let categories: [String: InspectionCategory] = ["1": .scatteredPolluting, "2": .strawBurning, "3": .dust, "4": .dustfall]
                guard let category = category ?? prompter?.ask(texts.askCategory, parse: { categories[$0] ?? InspectionCategory(word: $0) }) else {
                    throw InvalidValue(field: "category", rule: .empty)
                }
                guard let title = title ?? prompter?.ask(texts.askTitle, parse: { title in
                    try TicketReported.checkTitle(title)
                    return title
                }) else {
                    throw InvalidValue(field: "title", rule: .empty)
                }
                let (note, evidence) = try details.asked(client: client, texts: texts, prompter: prompter)
                let event = try client.reportTicket(category: category, node: node, location: place, title: title,
                                                    note: note, evidence: evidence, now: .now())
                print(texts.ticketReported(event, try PayloadCodec.decode(TicketReported.self, from: event)))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出问题，默认未销号的。List issues; open ones unless asked.")
        @OptionGroup var common: CommonOptions
        @Option(help: "状态。State: reported, assigned, rectifying, rectification-reported, closed.") var state: TicketState?
        @Option(help: "类别。Category.") var category: InspectionCategory?
        @Option(help: "网格编码（含下级），默认本人负责的范围。A grid node, and below; default your own scope.") var node: String?
        @Flag(help: "只看逾期的。Overdue only.") var overdue = false
        @Flag(help: "包括已销号的。Include closed ones.") var all = false
        @Flag(help: "只看本人上报或交办给本人的。Only those you reported or are to rectify.") var mine = false
        @Option(help: "排序：reported（上报时间，默认）或 deadline（期限最近的在前）。The order.") var sort: TicketFilter.Order = .reported
        @OptionGroup var output: ListOutput
        @Option(help: "另存有位置的问题为 GeoJSON。Also write located issues as GeoJSON.") var geojson: String?
        @Option(help: "屏幕上最多列出最近上报的几个，默认 100，0 为全部；CSV、JSON、GeoJSON 总是全部。At most this many on screen, the last reported; 0 for all; exports are always whole.")
        var limit = 100

        func run() throws {
            try common.run { client, texts in
                let now = Timestamp.now()
                // What your scope sees unless asked: an issue transferred away, or one you referred,
                // is not in your queue (--mine shows what you reported).
                let seenFrom = try node != nil || mine ? nil : client.profile()?.scope
                let filter = TicketFilter(state: state, category: category, node: node, overdueOnly: overdue, includeClosed: all,
                                          involving: mine ? try client.userName() : nil, order: sort, seenFrom: seenFrom)
                guard limit >= 0 else { throw InvalidValue(field: "listLimit", rule: .outOfRange(min: 0, max: .infinity)) }
                if limit > 0, sort == .reported, !output.json, output.csv == nil, geojson == nil {
                    let latest = try client.latestTickets(filter, count: limit, now: now)
                    return print(texts.ticketTable(latest.tickets, now: now, total: latest.total, names: try client.nodeNames())
                                 + texts.refusedNote(try client.refusedCount()))
                }
                let tickets = try client.tickets(filter, now: now), refused = try client.refusedCount(), names = try client.nodeNames()
                try export(to: geojson, texts: texts) { try Exports.issuesGeoJSON(tickets, now: now) }
                try output.emit(texts: texts, records: {
                    let whole = try client.wholeTickets(tickets)
                    let arrived = try client.arrivedEvidence(of: whole)
                    return whole.map { JSONOutput.TicketRecord($0, now: now, arrived: arrived, texts: texts, names: names) }
                }) { texts.ticketTable(tickets, now: now, names: names) + texts.refusedNote(refused) }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看一个问题的经过。Show one issue and its history.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "问题编号。The issue's id.") var id: String
        @Flag(help: "以 JSON 输出。Print JSON.") var json = false

        func run() throws {
            try common.run { client, texts in
                let now = Timestamp.now()
                let ticket = try client.ticket(id)
                let arrived = try client.arrivedEvidence(of: [ticket])
                print(json ? try JSONOutput.render(JSONOutput.TicketRecord(ticket, now: now, arrived: arrived, texts: texts))
                           : texts.ticketDetail(ticket, now: now, arrived: arrived, names: try client.nodeNames(),
                                                originIsFire: try ticket.report.origin.map(client.isFirePoint) ?? false))
            }
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "交办并定整改期限（乡镇）。Assign with a deadline (township staff).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "问题编号。The issue's id.") var id: String
        @Option(help: "整改责任人。Who is to rectify it.") var to: String
        @Option(help: "整改期限，北京时间 YYYY-MM-DD HH:MM。The deadline, Beijing time.") var deadline: String
        @OptionGroup var details: NoteOptions

        func run() throws {
            try common.run { client, texts in
                let step = TicketStep(note: details.note, evidence: try client.evidence(photos: details.photos), assignee: to,
                                      deadline: try BeijingTime.parse(deadline))
                print(texts.ticketRecorded(try client.takeStep(.assigned, on: id, step, now: .now()), step: .assigned))
            }
        }
    }

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "开始整改（乡镇）。Start rectification (township staff).")
        @OptionGroup var step: StepOptions
        func run() throws { try step.take(.rectificationStarted) }
    }

    struct Rectified: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "报告整改完成，申请销号（乡镇）。Report rectified and ask for close-out (township staff).")
        @OptionGroup var step: StepOptions
        func run() throws { try step.take(.rectificationReported) }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "现场核查合格，销号（督导）。Verified on site: close out (supervisor).")
        @OptionGroup var step: StepOptions
        func run() throws { try step.take(.verified) }
    }

    struct Reject: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "核查不合格，退回整改，须用 --note 说明原因（督导）。Verification failed: back to rectification; --note says why (supervisor).")
        @OptionGroup var step: StepOptions
        func run() throws { try step.take(.verificationFailed, requiringReason: true) }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "问题反弹，重新打开，须用 --note 说明原因（督导）。The issue rebounded: reopen it; --note says why (supervisor).")
        @OptionGroup var step: StepOptions
        func run() throws { try step.take(.reopened, requiringReason: true) }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "申请延期：新的期限和原因，待督导审批（乡镇）。Ask for a later deadline, with the reason, for a supervisor to decide (township staff).")
        @OptionGroup var step: StepOptions
        @Option(help: "申请的新期限，北京时间 YYYY-MM-DD HH:MM。The deadline asked for, Beijing time.") var deadline: String

        func run() throws {
            try step.take(.extensionRequested, requiringReason: true) { step, _ in step.deadline = try BeijingTime.parse(deadline) }
        }
    }

    struct Transfer: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "转办给问题实际所在的乡镇（街道）或网格，须说明原因（乡镇、督导）。Transfer to the node that owns the place, with the reason (township staff, supervisors).",
            discussion: """
                同一区县内转办：接收单位重新交办，原单位不再看到后续进展。--to 为网格编码或名称（如 柳园街道）。
                Within the county: the receiving office assigns it anew; the office it leaves no longer sees what follows. \
                --to takes a grid code or a name.
                """)
        @OptionGroup var step: StepOptions
        @Option(help: "接收的网格编码或名称。The receiving node, by code or name.") var to: String

        func run() throws {
            try step.take(.transferred, requiringReason: true) { step, client in step.node = try client.nodeCode(to) }
        }
    }

    struct Extension: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "审批延期申请：--grant 批准，或 --refuse 并用 --note 说明原因（督导）。Decide an extension request: --grant, or --refuse with --note (supervisor).")
        @OptionGroup var step: StepOptions
        @Flag(help: "批准，申请的期限即时生效。Grant it: the deadline asked for is in force.") var grant = false
        @Flag(help: "不批准，现行期限不变。Refuse it: the deadline in force stays.") var refuse = false

        func run() throws {
            try step.take(grant ? .extensionGranted : .extensionRefused, requiringReason: refuse) { _, _ in
                guard grant != refuse else { throw FieldError.conflictingOptions("--grant", "--refuse") }
            }
        }
    }

    struct Escalate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "逾期问题升级督办（督导）。Escalate an overdue issue (supervisor).")
        @OptionGroup var step: StepOptions
        @Option(help: "interview（约谈）或 special-inspection（专项督察）。") var level: TicketStep.Escalation
        func run() throws { try step.take(.escalated) { step, _ in step.escalation = level } }
    }

    struct AddEvidence: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "evidence", abstract: "补充证据照片（网格员）。Add evidence (grid officer).")
        @OptionGroup var step: StepOptions
        func run() throws { try step.take(.evidenceAdded) }
    }
}

/// What every workflow step takes: the issue, a note and photos.
struct StepOptions: ParsableArguments {
    @OptionGroup var common: CommonOptions
    @Argument(help: "问题编号。The issue's id.") var id: String
    @OptionGroup var details: NoteOptions

    /// Takes the step `kind` with the note and photos, and what `completing` adds to it (a deadline,
    /// a node…). `requiringReason`: a step that must say why (退回、重开、延期、转办): `--note` may not be empty.
    func take(_ kind: TicketStep.Kind, requiringReason: Bool = false,
              completing: (inout TicketStep, FieldClient) throws -> Void = { _, _ in }) throws {
        try common.run { client, texts in
            var step = TicketStep(note: details.note)
            try completing(&step, client)
            if requiringReason, details.note.allSatisfy(\.isWhitespace) { throw TicketRuleViolation.missing(field: "note") }
            step.evidence = try client.evidence(photos: details.photos)
            print(texts.ticketRecorded(try client.takeStep(kind, on: id, step, now: .now()), step: kind))
        }
    }
}

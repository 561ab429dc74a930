import ArgumentParser
import Foundation
import LantianClient
import LantianDomain
import LantianFiles

struct Fire: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "秸秆焚烧火点。Straw-burning fire points.",
        subcommands: [Report.self, List.self, Show.self, Out.self, Accountability.self])

    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "记录发现的火点（无需联网）。Record a fire point seen (works offline).")
        @OptionGroup var common: CommonOptions
        @Option(help: "纬度（WGS 84），不给则询问。Latitude (WGS 84); asked if missing.") var lat: Double?
        @Option(help: "经度（WGS 84），不给则询问。Longitude (WGS 84); asked if missing.") var lon: Double?
        @OptionGroup var gps: GPSOptions
        @Option(help: "发现时间，北京时间 YYYY-MM-DD HH:MM，默认现在。When it was seen, Beijing time; default now.") var at: String?
        @Option(help: "网格编码，默认按位置。The grid node; default from the location.") var node: String?
        @Option(help: "来源：patrol, satellite, drone, video, infrared, public-report。The source.") var source: FirePointReport.Source = .patrol
        @Option(help: "估计过火面积（平方米）。Estimated burnt area, m².") var area: Double?
        @Option(help: "高发时段（收工时、上半夜按时间自动判断）：before-rain, before-sowing…。The risky slot, if the clock cannot tell.") var slot: RiskySlot?
        @OptionGroup var details: NoteOptions

        func run() throws {
            try common.run { client, texts in
                let now = Timestamp.now()
                let prompter = Prompter.terminal(texts)
                // Each value is checked as soon as it is known, before the next question.
                let observedAt = try at.map(BeijingTime.parse) ?? now
                try client.checkNotInFuture(observedAt, now: now)
                var (lat, lon) = (lat, lon)
                let position = try gps.position(typed: lat, lon)
                if let position { (lat, lon) = (position.latitude, position.longitude) }
                if lat == nil, let answer = prompter?.ask(texts.askLatitude, parse: Prompter.latitudeOrPair) {
                    (lat, lon) = (answer.latitude, lon ?? answer.longitude)
                }
                guard let lat else { throw InvalidValue(field: "latitude", rule: .empty) }
                _ = try GeoPoint(latitude: lat, longitude: 0)
                if lon == nil { lon = prompter?.ask(texts.askLongitude, parse: Prompter.longitude) }
                guard let lon else { throw InvalidValue(field: "longitude", rule: .empty) }
                let location = try position ?? GeoPoint(latitude: lat, longitude: lon)
                let slot = slot ?? RiskySlot.derived(from: observedAt) ?? prompter?.ask(texts.askRiskySlot, optional: true) { answer in
                    ["1": RiskySlot.beforeRain, "2": .beforeSowing][answer] ?? RiskySlot(word: answer)
                }
                let (note, evidence) = try details.asked(client: client, texts: texts, prompter: prompter)
                let event = try client.reportFirePoint(
                    location: location, node: node, observedAt: observedAt, note: note, source: source, estimatedAreaSquareMetres: area,
                    riskySlot: slot, evidence: evidence, now: now)
                let report = try PayloadCodec.decode(FirePointReport.self, from: event)
                print(texts.firePointRecorded(event, report: report, pending: try client.status(probe: false).pending,
                                              issues: try client.issues(from: event.subject).map(\.id)))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出本机已有的火点。List the fire points on this device.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: ListOutput
        @Option(help: "另存为 GeoJSON（WGS 84）。Also write as GeoJSON.") var geojson: String?
        @Option(help: "只列该月（YYYY-MM）发现的火点，默认近 30 天。Only those observed in this month; default the last 30 days.") var month: String?
        @Flag(help: "列出全部火点。Every fire point, of any time.") var all = false

        func run() throws {
            try common.run { client, texts in
                let now = Timestamp.now()
                let span = try month.map { text in
                    guard let month = ReviewMonth(text) else { throw InvalidValue(field: "month", rule: .invalidMonth) }
                    return month.start..<month.end
                } ?? (all ? nil : now.adding(milliseconds: -30 * 86_400_000)..<now.adding(milliseconds: 1))
                let list = try client.firePointList(observedIn: span)
                let whole = { try client.firePoints(list.map(\.id)) }
                try export(to: geojson, texts: texts) { try Exports.firePointsGeoJSON(try whole()) }
                let refused = try client.refusedCount()
                try output.emit(texts: texts, records: { try whole().map(JSONOutput.FirePointRecord.init) }) { texts.fireTable(list) + texts.refusedNote(refused) }
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "查看一个火点及由它而来的问题。Show one fire point and the issues that follow from it.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "火点编号。The fire point's id.") var id: String

        func run() throws {
            try common.run { client, texts in
                let (point, issues) = try client.firePoint(id)
                print(texts.fireDetail(point, issues: issues))
            }
        }
    }

    struct Out: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "记录火点已扑灭。Record that a fire was put out.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "火点编号。The fire point's id.") var id: String
        @Option(help: "扑灭时间，北京时间，默认现在。When, Beijing time; default now.") var at: String?
        @Option(help: "扑灭人或队伍。Who put it out.") var by: String
        @Option(help: "说明。A note.") var note = ""

        func run() throws {
            try common.run { client, texts in
                let now = Timestamp.now()
                let point = try client.recordFireResponse(id, extinguishedAt: try at.map(BeijingTime.parse) ?? now, by: by, note: note, now: now)
                print(texts.fireTable([FirePointSummary(point)]))
            }
        }
    }

    struct Accountability: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "记录追责。Record who is held accountable.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "火点编号。The fire point's id.") var id: String
        @Option(help: "责任人。Who answers for it.") var responsible: String
        @Option(help: "处理措施。The measure taken.") var measure: String
        @Option(help: "说明。A note.") var note = ""

        func run() throws {
            try common.run { client, texts in
                try client.recordAccountability(id, responsible: responsible, measure: measure, note: note, now: .now())
                print(texts.accountabilityRecorded(id, responsible: responsible, measure: measure))
            }
        }
    }
}

import ArgumentParser
import Foundation
import LantianClient
import LantianDomain
import LantianFiles

/// Heavy-pollution alerts (重污染天气应急): declare and lift (supervisors), the checks due, a check.
struct AlertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert", abstract: "重污染天气预警：发布、解除、应查企业和工地、记录检查。Heavy-pollution alerts: declare, lift, checks due, record a check.",
        subcommands: [Declare.self, Lift.self, List.self, Show.self, Check.self])

    struct Declare: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "发布预警（督导）。Declare an alert (supervisors).")
        @OptionGroup var common: CommonOptions
        @Option(help: "范围：网格编码，如县区 371502。The area's grid code.") var node: String
        @Option(help: "级别：yellow（黄色，Ⅲ级）、orange（橙色，Ⅱ级）、red（红色，Ⅰ级）。The level.") var level: AlertLevel
        @Option(help: "结束时间 YYYY-MM-DD HH:MM（北京时间），最长 15 天。When it ends, at most 15 days on.") var until: String
        @Option(help: "未落实措施的整改时限（小时），默认 12。Hours to put a measure right; default 12.") var deadlineHours = AlertDeclared.defaultDeadlineHours
        @Option(help: "说明，如通知文号。A note.") var note = ""

        func run() throws {
            try common.run { client, texts in
                let alert = try client.declareAlert(node: try client.nodeCode(node), level: level, until: try BeijingTime.parse(until),
                                                    deadlineHours: deadlineHours, note: note, now: .now())
                print(texts.alertDeclared(alert, names: try client.nodeNames()))
            }
        }
    }

    struct Lift: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "解除预警（督导）。Lift an alert (supervisors).")
        @OptionGroup var common: CommonOptions
        @Argument(help: "预警编号。The alert's id.") var id: String
        @Option(help: "说明。A note.") var note = ""

        func run() throws {
            try common.run { client, texts in print(texts.alertLifted(try client.liftAlert(id, note: note, now: .now()))) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出预警。List alerts.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            try common.run { client, texts in
                let alerts = try client.alerts().alerts.values.sorted { ($0.declaredAt, $0.id.uuidString) > ($1.declaredAt, $1.id.uuidString) }
                print(texts.alertTable(alerts, now: .now(), names: try client.nodeNames()))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "生效预警下本人范围内应检查的企业和工地（可离线）。The checks due under the alerts in force, offline.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            try common.run { client, texts in print(texts.alertDutiesTable(try client.alertDuties(now: .now()), names: try client.nodeNames())) }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "记录应急减排检查：逐项措施，未落实的各上报一个问题（短时限）。Record a check; each measure not taken opens an issue.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "企业或工地的编号或名称（见 lantian alert show）。The place, by id or name.") var place: String
        @Option(help: "未落实的措施，原文照写，可多次给出。A measure not taken, as listed; repeatable.") var failed: [String] = []
        @Flag(help: "各项措施均已落实。Every measure taken.") var allPassed = false
        @OptionGroup var details: NoteOptions

        func run() throws {
            try common.run { client, texts in
                guard allPassed != !failed.isEmpty else { throw FieldError.conflictingOptions("--failed", "--all-passed") }
                let (duty, opened) = try client.recordAlertCheck(place, failed: failed, note: details.note, evidence: try client.evidence(photos: details.photos),
                                                                 now: .now())
                print(texts.alertChecked(duty, opened: opened))
            }
        }
    }
}


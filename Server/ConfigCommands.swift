import ArgumentParser
import Foundation
import LantianDomain
import LantianServer

struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "地方配置，对该网格及其下级生效。Local settings, for a grid node and below.",
        subcommands: [Checklist.self, MonitoringThreshold.self, DustfallLimit.self, SignOff.self, PatrolSeasons.self, Assessment.self, AirTarget.self])

    struct Checklist: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "扬尘检查表。The dust-site checklist.")
        @OptionGroup var db: StoreOption
        @Option(help: "网格编码。The grid node.") var node: String
        @Option(parsing: .upToNextOption, help: "检查项 编号:中文:English，如 fencing:周边围挡:perimeter fencing。Items as id:中文:English.")
        var item: [String]

        func run() throws {
            let items = try item.map { text in
                let parts = text.split(separator: ":", maxSplits: 2).map(String.init)
                guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { throw ValidationError("--item \(text): use id:中文:English") }
                return ChecklistItem(id: parts[0], chinese: parts[1], english: parts[2])
            }
            try configure(db, .checklist(items), node: node)
        }
    }

    struct MonitoringThreshold: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "monitoring-threshold", abstract: "须装在线监测和视频的面积（平方米）。The area from which monitoring is required.")
        @OptionGroup var db: StoreOption
        @Option(help: "网格编码。The grid node.") var node: String
        @Option(help: "平方米。Square metres.") var area: Double
        func run() throws { try configure(db, .monitoringThreshold(squareMetres: area), node: node) }
    }

    struct DustfallLimit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dustfall-limit", abstract: "某年降尘限值 t/(km²·30d)。A year's dust-fall limit.")
        @OptionGroup var db: StoreOption
        @Option(help: "网格编码。The grid node.") var node: String
        @Option(help: "年份。The year.") var year: Int
        @Option(help: "限值。The limit.") var limit: Double
        func run() throws { try configure(db, .dustfallLimit(year: year, limit: limit), node: node) }
    }

    struct SignOff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "signoff-departments", abstract: "升级改造须会审签字的部门。Departments that sign off upgrades.")
        @OptionGroup var db: StoreOption
        @Option(help: "网格编码。The grid node.") var node: String
        @Option(parsing: .upToNextOption, help: "部门。Departments.") var department: [String]
        func run() throws { try configure(db, .signOffDepartments(department), node: node) }
    }

    struct PatrolSeasons: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "patrol-seasons",
            abstract: "巡查季节：季节内每个网格每天须在所列时段巡查（默认夏收、秋收的收工时和上半夜）。The seasons patrols are required in.")
        @OptionGroup var db: StoreOption
        @Option(help: "网格编码。The grid node.") var node: String
        @Option(parsing: .upToNextOption,
                help: "名称:起:止:时段，如 秋收:09-20:11-10:after-work+first-half-of-night。Name:from:to:slots.")
        var season: [String] = []
        @Flag(help: "该网格不要求巡查。No patrol required there.") var none = false

        func run() throws {
            guard none != !season.isEmpty else { throw ValidationError("give --season (one or more) or --none / 给出 --season 或 --none") }
            let seasons = try season.map { text in
                let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 4, !parts[0].isEmpty else { throw ValidationError("--season \(text): use 名称:MM-DD:MM-DD:slot+slot") }
                let slots = try parts[3].split(separator: "+").map { name in
                    guard let slot = RiskySlot(rawValue: String(name)) else {
                        throw ValidationError("--season \(text): \(name) is not after-work or first-half-of-night / 时段只能是 after-work 或 first-half-of-night")
                    }
                    return slot
                }
                return PatrolSeason(name: parts[0], from: parts[1], to: parts[2], slots: slots)
            }
            try configure(db, .patrolSeasons(seasons), node: node)
        }
    }

    struct Assessment: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "乡镇考核办法：各项权重和等次分数线（默认见 README）。How townships are assessed: weights and grade thresholds.")
        @OptionGroup var db: StoreOption
        @Option(help: "网格编码。The grid node.") var node: String
        @Option(help: "年份。The year.") var year: Int
        @Option(parsing: .upToNextOption, help: "项=权重，如 rectification=30 overdue=20 fires=15 dustfall=15 patrols=10 alerts=10。Figure=weight.")
        var weight: [String]
        @Option(help: "优秀分数线。The lowest excellent score.") var excellent = AssessmentScheme.standard.excellent
        @Option(help: "良好分数线。The lowest good score.") var good = AssessmentScheme.standard.good
        @Option(help: "合格分数线。The lowest pass score.") var pass = AssessmentScheme.standard.pass

        func run() throws {
            let weights = try weight.map { text -> (AssessmentScheme.Figure, Double) in
                let parts = text.split(separator: "=").map(String.init)
                guard parts.count == 2, let figure = AssessmentScheme.Figure(rawValue: parts[0]), let value = Double(parts[1]) else {
                    throw ValidationError("--weight \(text): use figure=number; figures: \(AssessmentScheme.Figure.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                return (figure, value)
            }
            let scheme = AssessmentScheme(weights: Dictionary(weights) { _, last in last }, excellent: excellent, good: good, pass: pass)
            try configure(db, .assessment(year: year, scheme: scheme), node: node)
        }
    }

    struct AirTarget: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "air-target",
            abstract: "县区秋冬季空气质量目标：直接给出，或由上季实际值按分档规则算出。A county's season targets, given or by the tier rule.")
        @Option(help: "县区编码。The county.") var node: String
        @Option(help: "秋冬季起始年份。The season's first year.") var season: Int
        @Option(help: "PM2.5 目标浓度（微克/立方米）。The PM2.5 target.") var pm25: Double?
        @Option(help: "重污染天数目标。The heavy-day target.") var heavyDays: Int?
        @Option(help: "上季 PM2.5 实际浓度。Last season's PM2.5.") var lastPm25: Double?
        @Option(help: "上季重污染实际天数。Last season's heavy days.") var lastHeavyDays: Int?
        @OptionGroup var db: StoreOption

        func run() throws {
            let tiered = lastPm25.flatMap { pm25 in lastHeavyDays.map { SeasonTarget.tiered(lastPM25: pm25, lastHeavyDays: $0) } }
            guard let target = pm25.flatMap({ pm25 in heavyDays.map { SeasonTarget(pm25: pm25, heavyDays: $0) } }) ?? tiered else {
                throw ValidationError("give --pm25 and --heavy-days, or --last-pm25 and --last-heavy-days / 给出目标值，或上季实际值")
            }
            try configure(db, .airTarget(AirTargetSet(node: node, season: season, target: target, lastPM25: lastPm25, lastHeavyDays: lastHeavyDays)), node: node)
        }
    }
}

private func configure(_ store: StoreOption, _ setting: LocalSetting, node: String) throws {
    try administer(store) { admin in
        try admin.configure(setting, node: node)
        print(texts.settingMade(setting, node: node))
    }
}

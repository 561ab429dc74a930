import ArgumentParser
import Foundation
import LantianClient
import LantianDomain
import LantianFiles

/// Patrols (巡查): start, check in at fixed points, end; fixed points; the list and its tracks.
struct PatrolCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patrol", abstract: "巡查：开始、定点打卡、结束；定点设置；巡查记录。Patrols: start, check in, end; fixed points; the list.",
        subcommands: [Start.self, CheckIn.self, End.self, Point.self, Points.self, List.self])

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "开始巡查（网格员），默认本人网格。Start a patrol of your cell (grid officer).")
        @OptionGroup var common: CommonOptions
        @Option(help: "网格编码，默认本人网格。The cell; default your own.") var node: String?
        @OptionGroup var location: LocationOptions
        @Option(help: "说明。A note.") var note = ""

        func run() throws {
            try common.run { client, texts in
                let patrol = try client.startPatrol(node: node, location: try location.location(), note: note, now: .now())
                print(texts.patrolStarted(patrol, names: try client.nodeNames()))
            }
        }
    }

    struct CheckIn: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "checkin", abstract: "巡查打卡：记下当前位置，可指明定点。Check in on the patrol under way.")
        @OptionGroup var common: CommonOptions
        @Option(help: "定点名称或编号（须在 300 米内）。The fixed point, by name or id (within 300 m).") var point: String?
        @OptionGroup var location: LocationOptions
        @Option(help: "说明。A note.") var note = ""

        func run() throws {
            try common.run { client, texts in
                guard let here = try location.location() else { throw InvalidValue(field: "location", rule: .empty) }
                let now = Timestamp.now()
                let patrol = try client.checkIn(location: here, point: point, note: note, now: now)
                print(texts.patrolCheckedIn(patrol, points: try client.patrolPoints(within: patrol.node)))
            }
        }
    }

    struct End: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "结束进行中的巡查。End the patrol under way.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var location: LocationOptions
        @Option(help: "说明，如“未发现焚烧”。A note.") var note = ""

        func run() throws {
            try common.run { client, texts in
                let now = Timestamp.now()
                let patrol = try client.endPatrol(location: try location.location(), note: note, now: now)
                print(texts.patrolEnded(patrol, finds: try client.finds(of: [patrol], now: now)[patrol.id] ?? 0))
            }
        }
    }

    struct Point: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "设定网格的巡查定点（乡镇、督导）。Define a cell's fixed patrol point (township staff).")
        @OptionGroup var common: CommonOptions
        @Option(help: "名称，如“村西麦田”。The name.") var name: String
        @Option(help: "网格编码。The cell.") var cell: String
        @OptionGroup var location: LocationOptions

        func run() throws {
            try common.run { client, texts in
                guard let here = try location.location() else { throw InvalidValue(field: "location", rule: .empty) }
                let id = try client.definePatrolPoint(name: name, cell: try client.nodeCode(cell), location: here, now: .now())
                print(texts.patrolPointDefined(name, id: id))
            }
        }
    }

    struct Points: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出巡查定点。List fixed patrol points.")
        @OptionGroup var common: CommonOptions
        @Option(help: "网格编码（含下级）。A node, and below.") var node: String?

        func run() throws {
            try common.run { client, texts in
                print(texts.patrolPointTable(try client.patrolPoints(within: try node.map(client.nodeCode)), names: try client.nodeNames()))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "巡查记录（本月或 --month），可导出轨迹 GeoJSON。Patrols of a month; tracks as GeoJSON.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var month: MonthOption
        @Option(help: "网格编码（含下级）。A node, and below.") var node: String?
        @OptionGroup var output: ListOutput
        @Option(help: "另存巡查轨迹为 GeoJSON（LineString）。Also write the tracks as GeoJSON LineStrings.") var geojson: String?

        func run() throws {
            try common.run { client, texts in
                let now = Timestamp.now()
                let patrols = try client.patrols(month: try month.value(now: now), within: try node.map(client.nodeCode))
                let finds = try client.finds(of: patrols, now: now), names = try client.nodeNames()
                try export(to: geojson, texts: texts) { try Exports.patrolTracksGeoJSON(patrols) }
                try output.emit(patrols.map { JSONOutput.PatrolRecord($0, finds: finds[$0.id] ?? 0, names: names) }, texts: texts) {
                    texts.patrolTable(patrols, finds: finds, names: names)
                }
            }
        }
    }
}

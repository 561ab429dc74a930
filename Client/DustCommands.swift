import ArgumentParser
import Foundation
import LantianClient
import LantianDomain
import LantianFiles

struct Dust: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "扬尘源：工地、道路、堆场。Dust sites: construction, roads, stockpiles.",
        subcommands: [AddSite.self, Sites.self, Inspect.self])

    struct AddSite: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "site", abstract: "登记扬尘源。Register a dust site.")
        @OptionGroup var common: CommonOptions
        @Option(help: "名称。The name.") var name: String
        @Option(help: "类型：construction, road-works, stockpile, road。The kind.") var kind: DustSiteRegistered.Kind
        @Option(help: "面积（平方米）。Area, m².") var area: Double
        @Option(help: "网格编码，默认按位置。The grid node.") var node: String?
        @OptionGroup var location: LocationOptions
        @Flag(help: "已装在线监测。Has online PM10 monitoring.") var monitoring = false
        @Flag(help: "已装视频监控。Has video.") var video = false

        func run() throws {
            try common.run { client, texts in
                let event = try client.registerDustSite(name: name, kind: kind, node: node, location: try location.location(), areaSquareMetres: area,
                                                        onlineMonitoring: monitoring, video: video, now: .now())
                print(texts.dustSiteRegistered(event.subject, name: name))
            }
        }
    }

    struct Sites: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出扬尘源。List dust sites.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: ListOutput
        @Option(help: "另存有位置的扬尘源为 GeoJSON。Also write located sites as GeoJSON.") var geojson: String?

        func run() throws {
            try common.run { client, texts in
                let sites = try client.dustSites()
                try export(to: geojson, texts: texts) { try Exports.dustSitesGeoJSON(sites) }
                try output.emit(sites.all.map { JSONOutput.DustSiteRecord($0, in: sites) }, texts: texts) { texts.dustSiteTable(sites) }
            }
        }
    }

    struct Inspect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "按检查表检查，不达标项各自上报问题。Inspect against the checklist; each failed item opens an issue.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "扬尘源编号。The site's id.") var site: String
        @Option(parsing: .upToNextOption,
                help: "不达标项（其余视为达标）：fencing covering wet-work hardened-roads vehicle-washing sealed-transport。Failed items; the rest pass.")
        var failed: [String] = []
        @Flag(help: "全部达标。Every item passed.") var allPassed = false
        @OptionGroup var details: NoteOptions

        func run() throws {
            try common.run { client, texts in
                var failures = failed.flatMap { $0.split(separator: ",").map(String.init) }
                if allPassed, !failures.isEmpty { throw FieldError.conflictingOptions("--failed", "--all-passed") }
                if failures.isEmpty, !allPassed {
                    // At a terminal, go through the checklist item by item; a script must say what failed.
                    // Each item needs its answer: an inspection does not pass an item by default.
                    guard let prompter = Prompter.terminal(texts) else { throw InvalidValue(field: "result", rule: .empty) }
                    for item in try client.checklist(forSite: site) {
                        let passed = prompter.ask(texts.askItemPassed(item)) { ["y": true, "Y": true, "是": true, "n": false, "N": false, "否": false][$0] }
                        guard let passed else { throw InvalidValue(field: "result", rule: .empty) }
                        if !passed { failures.append(item.id) }
                    }
                }
                let (site, opened) = try client.inspectDustSite(site, failed: failures,
                                                                note: details.note, evidence: try client.evidence(photos: details.photos), now: .now())
                print(texts.inspectionRecorded(site, opened: opened))
            }
        }
    }
}

struct Dustfall: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "降尘监测。Dust-fall monitoring.", subcommands: [Station.self, Record.self, List.self])

    struct Station: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "登记监测点。Register a station.")
        @OptionGroup var common: CommonOptions
        @Option(help: "监测点编码。The station's code.") var code: String
        @Option(help: "名称。The name.") var name: String
        @Option(help: "网格编码。The grid node.") var node: String
        @OptionGroup var location: LocationOptions

        func run() throws {
            try common.run { client, texts in
                _ = try client.registerDustfallStation(code: code, name: name, node: node, location: try location.location(), now: .now())
                print(texts.stationRegistered(code: code, name: name))
            }
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "记录月度样品；超过限值自动上报问题。Record a month's samples; over the limit opens an issue.")
        @OptionGroup var common: CommonOptions
        @Option(help: "监测点编码。The station's code.") var station: String
        @Option(help: "月份 YYYY-MM。The month.") var month: String
        @Option(help: "A 缸：样品克,空白克,缸口面积平方米,暴露天数，例如 0.1600,0.0050,0.0200,31。Jar A: sample g, blank g, opening m², days.") var a: String?
        @Option(help: "B 缸，格式同 A。Jar B, as for A.") var b: String?
        @Option(parsing: .upToNextOption, help: "标记无效的缸：A 或 B。Jars marked invalid.") var invalid: [String] = []

        func run() throws {
            try common.run { client, texts in
                let jars = try [(DustfallJar.Label.a, a), (.b, b)].compactMap { label, text in
                    try text.map { try Self.jar(label, $0, invalid: invalid.contains(label.rawValue)) }
                }
                let result = try client.recordDustfall(station: station, month: month, jars: jars, now: .now())
                print(texts.dustfallRecorded(station: station, month: month, value: result.value, limit: result.limit, opened: result.opened))
            }
        }

        static func jar(_ label: DustfallJar.Label, _ text: String, invalid: Bool) throws -> DustfallJar {
            let numbers = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard numbers.count == 4, let sample = numbers[0], let blank = numbers[1], let area = numbers[2], let days = numbers[3] else {
                throw InvalidValue(field: "jar \(label.rawValue)", rule: .empty)
            }
            return DustfallJar(label: label, sampleMassGrams: sample, blankMassGrams: blank, openingAreaSquareMetres: area,
                               exposureDays: days, markedInvalid: invalid)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出各监测点的月度降尘。List monthly values per station.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: ListOutput

        func run() throws {
            try common.run { client, texts in
                let network = try client.dustfallNetwork()
                try output.emit(JSONOutput.DustfallRecord.all(network), texts: texts) { texts.dustfallTable(network) }
            }
        }
    }
}

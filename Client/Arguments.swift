import ArgumentParser
import Foundation
import LantianClient
import LantianFiles
import LantianDomain

// Values are given by their code or by their Chinese or English name (`--state 已上报`).
extension InspectionCategory: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension TicketState: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension TicketStep.Escalation: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension FirePointReport.Source: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension RiskySlot: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension DustSiteRegistered.Kind: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension Disposition: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension ClosureItem: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension TicketFilter.Order: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension InquiryStep.Outcome: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
/// `orange`, 橙色预警（Ⅱ级响应）, or as people say it, 橙色 or 橙色预警.
extension AlertLevel: ExpressibleByArgument {
    public init?(argument: String) {
        guard let level = AlertLevel(word: argument)
                ?? AlertLevel.allCases.first(where: { argument.count >= 2 && argument.hasPrefix(String($0.name(in: .chinese).prefix(2))) }) else { return nil }
        self = level
    }
}
extension EnterpriseRegistered.LeadSource: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }

/// The device's own position, from its GPS through gpsd (`--here`), checked for age and accuracy.
struct GPSOptions: ParsableArguments {
    @Flag(help: "用本机 GPS 定位（经 gpsd），并记下精度。Use this device's GPS (through gpsd), its accuracy recorded.") var here = false
    @Option(help: "--here 要求的精度（米），默认 50。The accuracy --here needs, in metres; default 50.") var accuracy: Double = 50
    @Option(help: "gpsd 地址 主机:端口，默认 $LANTIAN_GPSD 或 127.0.0.1:2947。Where gpsd listens.") var gpsd: String?

    /// The GPS position when `--here` is given (`nil` otherwise); refused with why when the fix is
    /// missing, older than a minute or worse than `--accuracy`, or when a position was typed too.
    func position(typed latitude: Double?, _ longitude: Double?) throws -> GeoPoint? {
        guard here else { return nil }
        guard latitude == nil, longitude == nil else { throw FieldError.conflictingOptions("--here", "--lat/--lon") }
        guard accuracy.isFinite, accuracy > 0 else { throw InvalidValue(field: "accuracy", rule: .mustBePositive) }
        let address = gpsd ?? ProcessInfo.processInfo.environment["LANTIAN_GPSD"] ?? GPSReceiver.defaultAddress
        return try GPSReceiver(address: address).fix(maxError: accuracy, now: { .now() }).location
    }
}

/// A location given as `--lat` and `--lon`, both or neither, or `--here` from the GPS.
struct LocationOptions: ParsableArguments {
    @Option(help: "纬度（WGS 84）。Latitude (WGS 84).") var lat: Double?
    @Option(help: "经度（WGS 84）。Longitude (WGS 84).") var lon: Double?
    @OptionGroup var gps: GPSOptions

    func location() throws -> GeoPoint? {
        if let position = try gps.position(typed: lat, lon) { return position }
        switch (lat, lon) {
        case (nil, nil): return nil
        case (let lat?, let lon?): return try GeoPoint(latitude: lat, longitude: lon)
        case (nil, _): throw InvalidValue(field: "latitude", rule: .empty)
        case (_, nil): throw InvalidValue(field: "longitude", rule: .empty)
        }
    }
}

/// A note and photos, which most steps may carry.
struct NoteOptions: ParsableArguments {
    @Option(help: "说明。A note.") var note = ""
    @Option(name: .customLong("photo"), help: "照片文件，可多次给出。A photo file; repeat for more.") var photos: [String] = []

    /// The note and the photos' evidence; at a terminal, what was not given is asked for (Enter
    /// skips), each photo checked as it is named.
    func asked(client: FieldClient, texts: Texts, prompter: Prompter?) throws -> (note: String, evidence: [Evidence]) {
        let note = note.isEmpty ? prompter?.ask(texts.askNote, optional: true) { $0 } ?? "" : note
        if !photos.isEmpty { return (note, try client.evidence(photos: photos)) }
        let evidence = prompter?.ask(texts.askPhotos, optional: true) { answer in
            try client.evidence(photos: answer.split(whereSeparator: \.isWhitespace).map(String.init))
        }
        return (note, evidence ?? [])
    }
}

/// How a list is given: a table for people, `--json` for scripts, `--csv FILE` for spreadsheets.
struct ListOutput: ParsableArguments {
    @Flag(help: "以 JSON 输出。Print JSON.") var json = false
    @Option(help: "另存为 CSV（UTF-8 带 BOM，Excel 可直接打开；取值用界面语言）。Also write the list as CSV (values in the chosen language).") var csv: String?
    @OptionGroup var header: HeaderOption

    func emit<Record: Encodable>(_ records: [Record], texts: Texts, table: () -> String) throws {
        try export(to: csv, texts: texts) { try Exports.csv(records: records, columns: texts.csvColumns(header: header.header)) }
        print(json ? try JSONOutput.render(records) : table())
    }

    /// As ``emit(_:texts:table:)``, with records made only when JSON or CSV is asked for (whole
    /// issues are folded from their events, a table reads rows).
    func emit<Record: Encodable>(texts: Texts, records: () throws -> [Record], table: () -> String) throws {
        guard json || csv != nil else { return print(table()) }
        try emit(try records(), texts: texts, table: table)
    }
}

/// How a CSV names its columns.
struct HeaderOption: ParsableArguments {
    @Option(help: "CSV 表头：zh 中文（中文界面的默认），en 英文字段名（供系统对接）。CSV headers: zh, or en: the field names, for systems (the default with --lang en).")
    var header: CSVHeader?
}

extension CSVHeader: ExpressibleByArgument {}

/// Writes an export to `path` and says so; does nothing without a path.
func export(to path: String?, texts: Texts, _ data: () throws -> Data) throws {
    guard let path else { return }
    try data().write(to: URL(fileURLWithPath: path))
    print(texts.exported(path))
}

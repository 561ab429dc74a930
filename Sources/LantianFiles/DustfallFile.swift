import Foundation
import LantianDomain

/// A month's dust-fall readings as CSV, one jar per row:
/// `station,jar,sampleGrams,blankGrams,openingSquareMetres,start,end[,invalid]`.
///
/// `start` and `end` are dates (`YYYY-MM-DD`); the exposure is the days between them and the month
/// is the start's; a jar cannot be collected after `now`. `invalid` is `yes`/`1` for a jar marked invalid. Rows of the same station and
/// month form one reading; a reading with any unusable row is left out whole and its rows reported.
public struct DustfallFile: Sendable {
    public struct Reading: Hashable, Sendable {
        public var station: String
        public var month: String
        public var jars: [DustfallJar]
        public var lines: [Int]
    }

    public static let columns = ["station", "jar", "sampleGrams", "blankGrams", "openingSquareMetres", "start", "end"]

    public let readings: [Reading]
    public let problems: [RowProblem]

    public init(path: String, now: Timestamp) throws(ImportError) {
        let file = try CSVFile(path: path)
        let columns = (Self.columns + ["invalid"]).joined(separator: ",")
        try file.require(Self.columns, format: Phrase("降尘 CSV（\(columns)）", "a dust-fall CSV (\(columns))"))
        var groups: [String: Reading] = [:]
        var order: [String] = []
        var problems: [RowProblem] = []
        var spoiled: Set<String> = []
        for record in file.records {
            let key = "\(record["station"] ?? "?")|\(record["start"].map { String($0.prefix(7)) } ?? "?")"
            do throws(RowReason) {
                let (station, month, jar) = try Self.jar(record, now: now)
                if groups[key] == nil { order.append(key) }
                var reading = groups[key] ?? Reading(station: station, month: month, jars: [], lines: [])
                guard !reading.jars.contains(where: { $0.label == jar.label }) else { throw RowReason("\(station) \(month) 的 \(jar.label.rawValue) 缸出现两次", "jar \(jar.label.rawValue) of \(station) \(month) appears twice") }
                reading.jars.append(jar)
                reading.lines.append(record.line)
                groups[key] = reading
            } catch {
                problems.append(RowProblem(line: record.line, reason: error.text))
                spoiled.insert(key)
            }
        }
        for key in spoiled {
            if let reading = groups.removeValue(forKey: key) {
                problems += reading.lines.map { RowProblem(line: $0, reason: Phrase("随 \(reading.station) \(reading.month) 的其他行一并未导入", "left out with the rest of \(reading.station) \(reading.month)")) }
            }
        }
        readings = order.compactMap { groups[$0] }
        self.problems = problems.sorted { $0.line < $1.line }
    }

    private struct RowReason: Error {
        let text: Phrase
        init(_ chinese: String, _ english: String) { text = Phrase(chinese, english) }
    }

    private static func jar(_ record: CSVFile.Record, now: Timestamp) throws(RowReason) -> (String, String, DustfallJar) {
        guard let station = record["station"] else { throw RowReason("缺少 station", "station is required") }
        guard let label = record["jar"].flatMap({ DustfallJar.Label(rawValue: $0.uppercased()) }) else { throw RowReason("jar 必须是 A 或 B", "jar must be A or B") }
        func number(_ column: String) throws(RowReason) -> Double {
            guard let value = record[column].flatMap(Double.init) else { throw RowReason("\(column) 必须是数字", "\(column) must be a number") }
            return value
        }
        guard let start = date(record["start"]), let end = date(record["end"]) else { throw RowReason("start 和 end 必须是日期 YYYY-MM-DD", "start and end must be dates YYYY-MM-DD") }
        guard end <= now else { throw RowReason("end \(record["end"] ?? "") 晚于今天：缸还没有收回，收回后再导入", "end \(record["end"] ?? "") is after today: import the jar once it is collected") }
        let jar = DustfallJar(label: label, sampleMassGrams: try number("sampleGrams"), blankMassGrams: try number("blankGrams"),
                              openingAreaSquareMetres: try number("openingSquareMetres"),
                              exposureDays: Double((end.millisecondsSince1970 - start.millisecondsSince1970) / 86_400_000),
                              markedInvalid: ["yes", "1", "true", "是"].contains(record["invalid"]?.lowercased() ?? ""))
        do { try jar.validate() } catch { throw RowReason(error.message(in: .chinese), error.message(in: .english)) }
        return (station, String((record["start"] ?? "").prefix(7)), jar)
    }

    private static func date(_ text: String?) -> Timestamp? {
        guard let text else { return nil }
        return try? BeijingTime.parse(text + " 00:00")
    }
}

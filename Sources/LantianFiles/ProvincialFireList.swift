import Foundation
import LantianDomain

/// The fire-point list as provincial authorities circulate it (秸秆焚烧火点监测通报): one row per
/// satellite fire point with 时间, 中心经度, 中心纬度, 省, 市, 县 — an Excel workbook (.xlsx) or the
/// same columns as CSV (UTF-8 or GBK). Times are Beijing time, as text (`2017-10-05 13:20`,
/// `2017/10/5 13:20`) or as the serial number Excel stores a date as.
public struct ProvincialFireList: Sendable {
    /// One fire point of the list.
    public struct Entry: Hashable, Sendable {
        public var line: Int
        public var observedAt: Timestamp
        public var location: GeoPoint
        public var province: String
        public var city: String
        /// The county the list says the point lies in, to check against where it falls.
        public var county: String

        /// A stable id: the same point imported twice is the same fire point.
        public var subject: UUID {
            .version5(name: "provincial:\(observedAt.millisecondsSince1970):\(location.latitude):\(location.longitude)")
        }

        public var chineseNote: String { "省级火点通报：\(province)\(city)\(county)" }
    }

    public static let columns = ["时间", "中心经度", "中心纬度", "省", "市", "县"]
    static let format = Phrase("省级秸秆焚烧火点通报（时间、中心经度、中心纬度、省、市、县）",
                               "a provincial fire-point list (时间, 中心经度, 中心纬度, 省, 市, 县)")

    public let entries: [Entry]
    /// Rows that could not be read, by line; the rest are usable.
    public let problems: [RowProblem]

    /// Reads `path`: a workbook if it is a ZIP archive (as every .xlsx is), else CSV.
    public init(path: String) throws(ImportError) {
        let records = try SpreadsheetRecords.read(path: path, columns: Self.columns, format: Self.format)
        var entries: [Entry] = []
        var problems: [RowProblem] = []
        for record in records {
            do throws(RowReason) {
                entries.append(try Self.entry(record))
            } catch {
                problems.append(RowProblem(line: record.line, reason: error.text))
            }
        }
        self.entries = entries
        self.problems = problems
    }

    private struct RowReason: Error { let text: Phrase }

    private static func entry(_ record: CSVFile.Record) throws(RowReason) -> Entry {
        guard let longitude = record["中心经度"].flatMap(Double.init), let latitude = record["中心纬度"].flatMap(Double.init) else {
            throw RowReason(text: Phrase("中心经度和中心纬度必须是数字", "中心经度 and 中心纬度 must be numbers"))
        }
        let location: GeoPoint
        do { location = try GeoPoint(latitude: latitude, longitude: longitude) } catch {
            throw RowReason(text: Phrase("经纬度 \(latitude), \(longitude) 超出范围", "latitude, longitude \(latitude), \(longitude) out of range"))
        }
        guard let time = record["时间"], let observedAt = Self.time(time) else {
            throw RowReason(text: Phrase("时间“\(record["时间"] ?? "")”应为 YYYY-MM-DD HH:MM（北京时间）或 Excel 日期",
                                         "时间 '\(record["时间"] ?? "")' must be YYYY-MM-DD HH:MM (Beijing time) or an Excel date"))
        }
        guard let county = record["县"] else { throw RowReason(text: Phrase("缺少县名", "the county (县) is missing")) }
        return Entry(line: record.line, observedAt: observedAt, location: location, province: record["省"] ?? "", city: record["市"] ?? "",
                     county: county)
    }

    /// A Beijing time as text, or an Excel serial date (days since 1899-12-30, in local time).
    static func time(_ text: String) -> Timestamp? {
        if let serial = Double(text) {
            // 1 (1900-01-01) … 2958465 (9999-12-31): Excel's own range.
            guard serial.isFinite, (1...2_958_465).contains(serial) else { return nil }
            let milliseconds = ((serial - 25_569) * 86_400_000).rounded()
            return Timestamp(millisecondsSince1970: Int64(milliseconds)).adding(milliseconds: -8 * 3_600_000)
        }
        let normalised = text.replacingOccurrences(of: "/", with: "-")
        let parts = normalised.split(separator: " ")
        guard parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-").compactMap { Int($0) }, clock = parts[1].split(separator: ":").compactMap { Int($0) }
        guard date.count == 3, (2...3).contains(clock.count) else { return nil }
        let written = String(format: "%04d-%02d-%02d %02d:%02d", date[0], date[1], date[2], clock[0], clock[1])
        return try? BeijingTime.parse(written)
    }
}

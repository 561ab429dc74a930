import Foundation
import LantianDomain

/// The county's heavy-pollution emergency reduction list (重污染天气应急减排清单), as an Excel
/// workbook (.xlsx) or CSV (UTF-8 or GBK): one row per enterprise with 企业名称, 网格编码, 行业,
/// 绩效等级 (A, B, C, 保障类 or empty for ungraded), the measures at each warning level
/// (黄色预警措施, 橙色预警措施, 红色预警措施; several separated by ；or ;), and optionally 经度, 纬度.
public struct ReductionListFile: Sendable {
    /// A row read: the entry it lists (its node as the file writes it), and where it stands in the file.
    public struct Row: Hashable, Sendable {
        public var line: Int
        public var entry: ReductionListed
    }

    public static let columns = ["企业名称", "网格编码", "行业", "绩效等级", "黄色预警措施", "橙色预警措施", "红色预警措施"]
    static let format = Phrase("应急减排清单（企业名称、网格编码、行业、绩效等级、黄色预警措施、橙色预警措施、红色预警措施，可选经度、纬度）",
                               "an emergency reduction list (企业名称, 网格编码, 行业, 绩效等级, 黄色预警措施, 橙色预警措施, 红色预警措施; optional 经度, 纬度)")

    public let rows: [Row]
    /// Rows that could not be read, by line; the rest are usable.
    public let problems: [RowProblem]

    /// Reads `path`: a workbook if it is a ZIP archive (as every .xlsx is), else CSV.
    public init(path: String) throws(ImportError) {
        let records = try SpreadsheetRecords.read(path: path, columns: Self.columns, format: Self.format)
        var rows: [Row] = []
        var problems: [RowProblem] = []
        for record in records {
            do throws(RowReason) { rows.append(try Self.row(record)) } catch { problems.append(RowProblem(line: record.line, reason: error.text)) }
        }
        self.rows = rows
        self.problems = problems
    }

    private struct RowReason: Error { let text: Phrase }

    private static func row(_ record: CSVFile.Record) throws(RowReason) -> Row {
        let text = { (column: String) in (record[column] ?? "").trimmingCharacters(in: .whitespaces) }
        guard !text("企业名称").isEmpty else { throw RowReason(text: Phrase("缺少企业名称", "企业名称 (the name) is missing")) }
        guard !text("网格编码").isEmpty else { throw RowReason(text: Phrase("缺少网格编码", "网格编码 (the grid code) is missing")) }
        let grades: [String: ReductionGrade] = ["A": .a, "B": .b, "C": .c, "保障类": .guaranteed, "": .ungraded, "未分级": .ungraded]
        guard let grade = grades[text("绩效等级").uppercased()] ?? grades[text("绩效等级")] else {
            throw RowReason(text: Phrase("绩效等级“\(text("绩效等级"))”应为 A、B、C、保障类或空", "绩效等级 '\(text("绩效等级"))' must be A, B, C, 保障类 or empty"))
        }
        var location: GeoPoint?
        if !text("经度").isEmpty || !text("纬度").isEmpty {
            guard let longitude = Double(text("经度")), let latitude = Double(text("纬度")), let point = try? GeoPoint(latitude: latitude, longitude: longitude) else {
                throw RowReason(text: Phrase("经度、纬度“\(text("经度")), \(text("纬度"))”不是有效坐标", "经度, 纬度 '\(text("经度")), \(text("纬度"))' is not a valid position"))
            }
            location = point
        }
        func measures(_ column: String) -> [String] {
            text(column).split(whereSeparator: { $0 == "；" || $0 == ";" }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        return Row(line: record.line, entry: ReductionListed(name: text("企业名称"), node: text("网格编码"), location: location, industry: text("行业"),
                                                             grade: grade, yellow: measures("黄色预警措施"), orange: measures("橙色预警措施"),
                                                             red: measures("红色预警措施")))
    }
}

import LantianDomain

/// A file that cannot be imported at all: says which file and what it should have been.
public enum ImportError: Hashable, Sendable, CustomStringConvertible {
    case unreadable(path: String)
    /// Neither UTF-8 nor GBK/GB 18030: where it stops being text.
    case notText(path: String, line: Int, byte: Int)
    /// The CSV reader's own words for what is wrong.
    case notCSV(path: String, reason: String)
    /// Not an Excel workbook (.xlsx) that can be read: what is wrong, in a few words.
    case notSpreadsheet(path: String, reason: String)
    /// The JSON reader's own words for what is wrong.
    case notGeoJSON(path: String, reason: String)
    /// The file is not of the expected format: a column or member is missing.
    case wrongFormat(path: String, expected: Phrase, missing: String)
    /// Some rows of the file are unusable: nothing of it was imported.
    case badRows(path: String, [RowProblem])

    public var description: String { message(in: .english) }
}

extension ImportError: PresentableError {
    public var exitStatus: ExitStatus { .dataError }

    public func message(in language: Language) -> String {
        let say = language.say
        switch self {
        case .unreadable(let path):
            return say("无法读取 \(path)：检查路径", "Cannot read \(path): check the path")
        case .notText(let path, let line, let byte):
            return say("\(path) 第 \(line) 行（第 \(byte) 字节）起既不是 UTF-8 也不是 GBK 文本，未导入任何数据：请确认选对了文件，或在 Excel 中另存为 CSV",
                       "\(path) is neither UTF-8 nor GBK text from line \(line) (byte \(byte)); nothing was imported: check it is the right file, or save it from Excel as CSV")
        case .notCSV(let path, let reason):
            return say("\(path) 不是 CSV 文件，未导入任何数据（\(reason)）", "\(path) is not CSV, nothing was imported: \(reason)")
        case .notSpreadsheet(let path, let reason):
            return say("\(path) 不是可读取的 Excel 工作簿（.xlsx），未导入任何数据（\(reason)）：请在 Excel 中另存为 .xlsx 或 CSV",
                       "\(path) is not an Excel workbook (.xlsx) that can be read, nothing was imported: \(reason); save it from Excel as .xlsx or CSV")
        case .notGeoJSON(let path, let reason):
            return say("\(path) 不是由多边形组成的 GeoJSON FeatureCollection，未导入任何数据（\(reason)）",
                       "\(path) is not a GeoJSON FeatureCollection of polygons, nothing was imported: \(reason)")
        case .wrongFormat(let path, let expected, let missing):
            return say("\(path) 不是所需格式（\(expected.text(in: language))）：缺少“\(missing)”列，未导入任何数据",
                       "\(path) is not \(expected.text(in: language)): it has no '\(missing)' column; nothing was imported")
        case .badRows(let path, let problems):
            return say("\(path) 有 \(problems.count) 行无法使用，未导入任何数据：", "\(path) has \(problems.count) unusable row(s); nothing was imported:")
                + problems.map { "\n  " + $0.message(in: language) }.joined()
        }
    }
}

import LantianDomain

/// A file that cannot be imported at all: says which file and what it should have been.
public enum ImportError: Hashable, Sendable, CustomStringConvertible {
    case unreadable(path: String)
    case notUTF8(path: String)
    /// The CSV reader's own words for what is wrong.
    case notCSV(path: String, reason: String)
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
        case .notUTF8(let path):
            return say("\(path) 不是 UTF-8 文本：请另存为 UTF-8（带不带 BOM 均可）", "\(path) is not UTF-8 text: save it as UTF-8 (BOM optional)")
        case .notCSV(let path, let reason):
            return say("\(path) 不是 CSV 文件，未导入任何数据（\(reason)）", "\(path) is not CSV, nothing was imported: \(reason)")
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

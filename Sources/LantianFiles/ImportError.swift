/// A file that cannot be imported at all: says which file and what it should have been.
public enum ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    case unreadable(path: String)
    case notUTF8(path: String)
    case notCSV(path: String, reason: String)
    case notGeoJSON(path: String, reason: String)
    /// The file is not of the expected format: a column or member is missing.
    case wrongFormat(path: String, expected: String, missing: String)
    /// Some rows of the file are unusable: nothing of it was imported.
    case badRows(path: String, [RowProblem])

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read \(path): check the path"
        case .notUTF8(let path): "\(path) is not UTF-8 text: save it as UTF-8 (with or without BOM)"
        case .notCSV(let path, let reason): "\(path) is not CSV: \(reason)"
        case .notGeoJSON(let path, let reason): "\(path) is not a GeoJSON FeatureCollection of polygons: \(reason)"
        case .wrongFormat(let path, let expected, let missing): "\(path) is not \(expected): it has no '\(missing)' column"
        case .badRows(let path, let problems):
            "\(path) has \(problems.count) unusable row(s); nothing was imported:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        }
    }
}

/// One unusable row, by line number, and why.
public struct RowProblem: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var reason: String

    public init(line: Int, reason: String) {
        self.line = line
        self.reason = reason
    }

    public var description: String { "line \(line): \(reason)" }
}

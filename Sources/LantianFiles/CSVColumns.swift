/// How a CSV export names its columns and writes its values for people: headers and coded values
/// (states, categories, yes/no) in their language, columns in the order the record declares them.
/// Without it an export is for programs: the records' keys, sorted, and their codes.
///
/// ```swift
/// try Exports.csv(records: rows, columns: CSVColumns(header: { names[$0] ?? $0 }, value: { _, value in value.text }))
/// ```
public struct CSVColumns: Sendable {
    public var header: @Sendable (String) -> String
    public var value: @Sendable (_ key: String, _ value: JSONValue) -> String

    public init(header: @escaping @Sendable (String) -> String, value: @escaping @Sendable (_ key: String, _ value: JSONValue) -> String) {
        self.header = header
        self.value = value
    }
}

/// How a CSV export names its columns and writes its values: headers and coded values (states,
/// categories, yes/no) as its reader wants them, columns in the order the record declares them.
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

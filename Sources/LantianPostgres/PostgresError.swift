/// A PostgreSQL call failed: what was being done, the server's SQLSTATE (when it gave one) and its message.
public struct PostgresError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The five-character SQLSTATE, such as `23505` (a unique constraint) or `LT001` (an append-only table).
    public var state: String?
    public var message: String
    public var operation: String

    public init(state: String?, message: String, operation: String) {
        self.state = state
        self.message = message
        self.operation = operation
    }

    /// The SQLSTATE Lantian's triggers raise for any change to an append-only table.
    public static let appendOnly = "LT001"
    /// A unique constraint: a row already there.
    public static let uniqueViolation = "23505"

    public var description: String { "\(operation): \(message)" + (state.map { " (SQLSTATE \($0))" } ?? "") }
}

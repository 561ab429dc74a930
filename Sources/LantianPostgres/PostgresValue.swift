import Foundation

/// Values in PostgreSQL's binary result form, read without trusting them: a wrong length is `nil`.
enum PostgresValue {
    /// A `bigint`: 8 bytes, big-endian.
    static func bigint(_ data: Data) -> Int64? {
        guard data.count == 8 else { return nil }
        return Int64(bitPattern: data.reduce(0) { $0 << 8 | UInt64($1) })
    }

    /// `text` (and `uuid::text`): UTF-8.
    static func text(_ data: Data) -> String? { String(data: data, encoding: .utf8) }
}

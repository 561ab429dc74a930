import CLibPQ
import Foundation

/// One connection to PostgreSQL through libpq, used from one thread at a time. Statements take
/// their parameters separately from the SQL (never spliced into it), in text form; results come
/// back as rows of text (`nil` for NULL).
///
/// ```swift
/// let connection = try PostgresConnection("postgresql://lantian@/lantian?host=/run/postgresql")
/// let rows = try connection.query("SELECT sseq FROM head")
/// ```
public final class PostgresConnection {
    private let raw: OpaquePointer

    /// Connects with a libpq connection string (`postgresql://…` or `host=… dbname=…`).
    public init(_ connectionString: String) throws(PostgresError) {
        guard let raw = PQconnectdb(connectionString) else {
            throw PostgresError(state: nil, message: "out of memory", operation: "connect")
        }
        self.raw = raw
        guard PQstatus(raw) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(raw)).trimmingCharacters(in: .whitespacesAndNewlines)
            PQfinish(raw)
            throw PostgresError(state: nil, message: message, operation: "connect")
        }
    }

    deinit { PQfinish(raw) }

    /// Runs statements with no parameters (several, separated by semicolons: a schema).
    public func execute(_ sql: String) throws(PostgresError) {
        let result = PQexec(raw, sql)
        defer { PQclear(result) }
        try check(result, sql)
    }

    /// Runs one statement with `parameters` ($1, $2, …; `nil` for NULL) and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> [[String?]] {
        let result = Self.withCStrings(parameters) { values in
            PQexecParams(raw, sql, Int32(values.count), nil, values, nil, nil, 0)
        }
        defer { PQclear(result) }
        try check(result, sql)
        let rows = Int(PQntuples(result)), columns = Int(PQnfields(result))
        return (0..<rows).map { row in
            (0..<columns).map { column in
                PQgetisnull(result, Int32(row), Int32(column)) == 1 ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
            }
        }
    }

    /// A notification heard on a channel this connection listens to (`LISTEN`).
    public struct Notification: Hashable, Sendable {
        public var channel: String
        public var payload: String
    }

    /// Notifications that have arrived, waiting up to `timeoutMilliseconds` for the first (0: only
    /// what is already here). PostgreSQL delivers a transaction's notifications at its commit, in
    /// commit order, and never a rolled-back one's.
    public func notifications(timeoutMilliseconds: Int32) throws(PostgresError) -> [Notification] {
        var heard = drainNotifications()
        guard heard.isEmpty, timeoutMilliseconds > 0 else { return heard }
        var socket = pollfd(fd: PQsocket(raw), events: Int16(POLLIN), revents: 0)
        guard poll(&socket, 1, timeoutMilliseconds) > 0 else { return [] }
        guard PQconsumeInput(raw) == 1 else {
            throw PostgresError(state: nil, message: String(cString: PQerrorMessage(raw)), operation: "receive notifications")
        }
        heard = drainNotifications()
        return heard
    }

    private func drainNotifications() -> [Notification] {
        _ = PQconsumeInput(raw)
        var heard: [Notification] = []
        while let notification = PQnotifies(raw) {
            heard.append(Notification(channel: String(cString: notification.pointee.relname), payload: String(cString: notification.pointee.extra)))
            PQfreemem(notification)
        }
        return heard
    }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    private func check(_ result: OpaquePointer?, _ sql: String) throws(PostgresError) {
        let status = PQresultStatus(result)
        guard status != PGRES_COMMAND_OK, status != PGRES_TUPLES_OK else { return }
        let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
        let message = PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
            ?? String(cString: PQerrorMessage(raw)).trimmingCharacters(in: .whitespacesAndNewlines)
        throw PostgresError(state: state, message: message, operation: String(sql.prefix(60)))
    }

    private static func withCStrings<T>(_ values: [String?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        let copies = values.map { $0.flatMap { strdup($0) } }
        defer { for copy in copies { free(copy) } }
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }
}

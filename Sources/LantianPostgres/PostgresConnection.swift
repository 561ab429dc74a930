import CLibPQ
import Foundation

/// One connection to PostgreSQL through libpq, used from one thread at a time. Statements take
/// their parameters separately from the SQL (never spliced into it); results come back as rows of
/// text, or of PostgreSQL's binary values (`nil` for NULL).
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
            let message = lastError
            PQfinish(raw)
            throw PostgresError(state: nil, message: message, operation: "connect")
        }
    }

    deinit { PQfinish(raw) }

    /// libpq's message for the last failure on this connection.
    private var lastError: String { String(cString: PQerrorMessage(raw)).trimmingCharacters(in: .whitespacesAndNewlines) }

    /// The connection's socket, for an event loop to wait on (notifications arriving).
    public var socket: Int32 { PQsocket(raw) }

    /// Whether the connection is up; libpq's `PQreset` connects again if not (after the server
    /// restarted, or a standby was promoted: with several hosts in the connection string, to
    /// whichever now accepts writes).
    public func reconnectIfBroken() throws(PostgresError) {
        guard PQstatus(raw) != CONNECTION_OK else { return }
        PQreset(raw)
        guard PQstatus(raw) == CONNECTION_OK else {
            throw PostgresError(state: nil, message: lastError,
                                operation: "reconnect")
        }
    }

    /// Runs statements with no parameters (several, separated by semicolons: a schema).
    public func execute(_ sql: String) throws(PostgresError) {
        let result = PQexec(raw, sql)
        defer { PQclear(result) }
        try check(result, sql)
    }

    /// Runs one statement with `parameters` ($1, $2, …; `nil` for NULL) and returns its rows as text.
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?] = []) throws(PostgresError) -> [[String?]] {
        try run(sql, parameters.map(Parameter.text), binaryResults: false) { value, _ in String(cString: value) }
    }

    /// A parameter sent in binary form where text would cost a hex encoding: bytes for `bytea`.
    public enum Parameter: Sendable {
        case text(String?)
        case bytes(Data)
    }

    /// Runs one statement with `parameters` and returns its rows in PostgreSQL's binary form: `bytea`
    /// as its bytes, `bigint` as 8 bytes big-endian, `text` as UTF-8 (`nil` for NULL).
    @discardableResult
    public func queryBinary(_ sql: String, _ parameters: [Parameter] = []) throws(PostgresError) -> [[Data?]] {
        try run(sql, parameters, binaryResults: true) { value, length in Data(bytes: value, count: length) }
    }

    /// Runs one statement, text parameters as C strings and bytes as binary, and reads each cell of
    /// its result with `cell` (its bytes and their length).
    private func run<Cell>(_ sql: String, _ parameters: [Parameter], binaryResults: Bool,
                           cell: (UnsafePointer<CChar>, Int) -> Cell) throws(PostgresError) -> [[Cell?]] {
        let texts: [String?] = parameters.map { if case .text(let text) = $0 { text } else { nil } }
        let result = Self.withCStrings(texts) { values in
            var pointers = values
            var lengths = [Int32](repeating: 0, count: parameters.count)
            var formats = [Int32](repeating: 0, count: parameters.count)
            var buffers: [UnsafeMutableRawBufferPointer] = []
            defer { for buffer in buffers { buffer.deallocate() } }
            for (index, parameter) in parameters.enumerated() {
                guard case .bytes(let data) = parameter else { continue }
                let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(data.count, 1), alignment: 1)
                _ = data.copyBytes(to: buffer.bindMemory(to: UInt8.self))
                buffers.append(buffer)
                pointers[index] = UnsafePointer(buffer.baseAddress?.assumingMemoryBound(to: CChar.self))
                lengths[index] = Int32(data.count)
                formats[index] = 1
            }
            return PQexecParams(raw, sql, Int32(parameters.count), nil, pointers, lengths, formats, binaryResults ? 1 : 0)
        }
        defer { PQclear(result) }
        try check(result, sql)
        let rows = PQntuples(result), columns = PQnfields(result)
        return (0..<rows).map { row in
            (0..<columns).map { column in
                guard PQgetisnull(result, row, column) == 0, let value = PQgetvalue(result, row, column) else { return nil }
                return cell(value, Int(PQgetlength(result, row, column)))
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
        var heard = try drainNotifications()
        guard heard.isEmpty, timeoutMilliseconds > 0 else { return heard }
        var socket = pollfd(fd: PQsocket(raw), events: Int16(POLLIN), revents: 0)
        guard poll(&socket, 1, timeoutMilliseconds) > 0 else { return [] }
        heard = try drainNotifications()
        return heard
    }

    /// Reads what has arrived and returns the notifications among it; a connection the server
    /// closed throws.
    private func drainNotifications() throws(PostgresError) -> [Notification] {
        guard PQconsumeInput(raw) == 1 else {
            throw PostgresError(state: nil, message: lastError,
                                operation: "receive notifications")
        }
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
            ?? lastError
        throw PostgresError(state: state, message: message, operation: String(sql.prefix(60)))
    }

    private static func withCStrings<T>(_ values: [String?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        let copies = values.map { $0.flatMap { strdup($0) } }
        defer { for copy in copies { free(copy) } }
        return body(copies.map { $0.map { UnsafePointer($0) } })
    }
}

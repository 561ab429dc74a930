import Foundation
import GRDBSQLite
import LantianDomain
import LantianStore

/// Workload 1, the physical ceiling: the same event rows the sync stores, inserted into a fresh
/// store's `event` table (same table, same indexes and triggers, WAL, `synchronous = FULL`) with
/// one prepared statement in one transaction through the SQLite C API.
enum Baseline {
    /// Events per second inserting `events`.
    static func eventsPerSecond(inserting events: [Event], scratch: Scratch) throws -> Double {
        let path = scratch.path("baseline.sqlite")
        _ = try EventStore(path: path)  // the schema, by the store's own migrations
        var db: OpaquePointer?
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK else { throw BenchError.failed("cannot open \(path)") }
        defer { sqlite3_close_v2(db) }
        try execute(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL")
        let sql = "INSERT INTO event (id, device, cseq, actor, hlc, recordedAt, subject, type, schema, payload, previous, sseq, receivedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else { throw BenchError.failed(String(cString: sqlite3_errmsg(db))) }
        defer { sqlite3_finalize(statement) }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        let received = Timestamp.now().millisecondsSince1970

        let start = ContinuousClock.now
        try execute(db, "BEGIN")
        for (index, event) in events.enumerated() {
            withUnsafeBytes(of: event.id.uuid) { _ = sqlite3_bind_blob(statement, 1, $0.baseAddress, 16, transient) }
            withUnsafeBytes(of: event.device.uuid) { _ = sqlite3_bind_blob(statement, 2, $0.baseAddress, 16, transient) }
            sqlite3_bind_int64(statement, 3, event.cseq)
            sqlite3_bind_text(statement, 4, event.actor, -1, transient)
            sqlite3_bind_int64(statement, 5, event.hlc.packed)
            sqlite3_bind_int64(statement, 6, event.recordedAt.millisecondsSince1970)
            withUnsafeBytes(of: event.subject.uuid) { _ = sqlite3_bind_blob(statement, 7, $0.baseAddress, 16, transient) }
            sqlite3_bind_text(statement, 8, event.type.rawValue, -1, transient)
            sqlite3_bind_int64(statement, 9, Int64(event.schema))
            event.payload.withUnsafeBytes { _ = sqlite3_bind_blob(statement, 10, $0.baseAddress, Int32($0.count), transient) }
            event.previous.withUnsafeBytes { _ = sqlite3_bind_blob(statement, 11, $0.baseAddress, Int32($0.count), transient) }
            sqlite3_bind_int64(statement, 12, Int64(index + 1))
            sqlite3_bind_int64(statement, 13, received)
            guard sqlite3_step(statement) == SQLITE_DONE else { throw BenchError.failed(String(cString: sqlite3_errmsg(db))) }
            sqlite3_reset(statement)
        }
        try execute(db, "COMMIT")
        return Double(events.count) / (ContinuousClock.now - start).seconds
    }

    private static func execute(_ db: OpaquePointer?, _ sql: String) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw BenchError.failed(String(cString: sqlite3_errmsg(db))) }
    }
}

import Foundation
import GRDB
import LantianDomain

/// The append-only event log in one SQLite file: the same code on server and client.
///
/// Events are only ever inserted; triggers refuse any `UPDATE` or `DELETE` of an event row.
/// Every write is one transaction, committed with `synchronous = FULL`, so what a method
/// returns from is on disk.
///
/// ```swift
/// let store = try EventStore(path: "field.sqlite")
/// let event = try store.record(draft, device: device, now: now)
/// ```
public final class EventStore: Sendable {
    let database: DatabaseQueue
    /// The store's file.
    public let path: String

    /// The store's identity, fixed when the file was created; a server announces it as its epoch.
    public let epoch: UUID

    /// The read models writes keep; `nil` only in a benchmark, to measure what they cost.
    let readModels: ReadModelSet?

    /// The shared record this store is one node's copy of (`nil`: the store is the whole record).
    let sharing: Sharing?

    /// The shared record this store is one node's copy of, if it is.
    public var sharedRecord: (any SharedRecord)? { sharing?.record }

    /// Opens the store at `path`, creating the file and migrating its schema as needed; read
    /// models of another version are rebuilt first, telling `progress` how far it has got.
    /// `keeping`: the read models to keep from now on, whoever opens the store later (the server
    /// says `.server`); without it, those the file says it keeps, or all of them in a new file.
    ///
    /// `sharing`: the record this file is one node's copy of (several `lantiand` nodes on one
    /// PostgreSQL database): the copy is brought up to date now, and before every read and write.
    public convenience init(path: String, keeping set: ReadModelSet? = nil, sharing record: (any SharedRecord)? = nil,
                            rebuilding progress: ((RebuildProgress) -> Void)? = nil) throws {
        try self.init(path: path, keepingReadModels: true, set: set, sharing: record, progress: progress)
    }

    /// Benchmarks only: a store whose writes do not keep the read models (its views are wrong), to
    /// measure what keeping them costs in the same run.
    @_spi(Benchmarks) public convenience init(path: String, keepingReadModels: Bool) throws {
        try self.init(path: path, keepingReadModels: keepingReadModels, set: nil, sharing: nil, progress: nil)
    }

    private init(path: String, keepingReadModels: Bool, set requested: ReadModelSet?, sharing record: (any SharedRecord)?,
                 progress: ((RebuildProgress) -> Void)?) throws {
        self.path = path
        var kept: ReadModelSet?
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // Temporary tables (the read models' `touched_event`) and statement journals in memory:
            // on disk, every stored event's trigger wrote a temporary file (seen: 50 writes an event).
            try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY")
        }
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(database)
            if keepingReadModels {
                kept = try database.write { db in
                    let set = try requested ?? Self.readModelSet(db) ?? .all
                    try Self.prepareReadModels(db, set)
                    if try !Self.readModelsAreCurrent(db, set) { try Self.rebuildReadModels(db, set, progress: progress) }
                    return set
                }
            }
            readModels = kept
            let queue = database
            let shared = try record.map { record in Sharing(record: record, tables: try queue.write(Self.prepareSharing)) }
            if let shared { try Self.attach(queue, shared, path: path, keepsReadModels: kept != nil) }
            sharing = shared
            guard let identity = try database.read({ db in try UUID.fetchOne(db, sql: "SELECT epoch FROM store_identity") }) else {
                throw StoreError.notAStore(path: path)
            }
            epoch = identity
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            // A file that begins like SQLite but does not read as it is a damaged store, not a wrong path.
            let file = FileHandle(forReadingAtPath: path)
            defer { try? file?.close() }
            guard (try? file?.read(upToCount: 16)) == Data("SQLite format 3\u{0}".utf8) else { throw StoreError.notAStore(path: path) }
            throw StoreError.damaged(error.message ?? "file is not a database")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CANTOPEN {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        } catch let error as DatabaseError where Self.isDamage(error) {
            throw StoreError.damaged(error.message ?? "\(error.resultCode)")
        }
    }

    /// Runs `updates` in one write transaction, all or nothing. A full disk is reported as
    /// ``StoreError/diskFull(path:)``: the transaction is rolled back and what was stored is intact.
    /// A damaged file is reported as ``StoreError/damaged(_:)``.
    func write<T>(_ updates: (Database) throws -> T) throws -> T {
        do {
            return try database.write { db in
                if let sharing { return try writeShared(db, sharing, updates) }
                let result = try updates(db)
                if readModels != nil { try Self.refreshReadModels(db) }
                return result
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_FULL {
            throw StoreError.diskFull(path: path)
        } catch let error as DatabaseError where Self.isDamage(error) {
            throw StoreError.damaged(error.message ?? "\(error.resultCode)")
        }
    }

    /// Runs `reads` on a consistent view of the store. A damaged file is reported as ``StoreError/damaged(_:)``.
    func read<T>(_ reads: (Database) throws -> T) throws -> T {
        do {
            if let sharing { try catchUp(sharing) }
            return try database.read(reads)
        } catch let error as DatabaseError where Self.isDamage(error) {
            throw StoreError.damaged(error.message ?? "\(error.resultCode)")
        }
    }

    /// Whether SQLite found the file damaged: "database disk image is malformed", or not a database.
    static func isDamage(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB || error.extendedResultCode == .SQLITE_CORRUPT_INDEX
    }

    /// The number of events stored.
    public func count() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0 }
    }

    /// How many events of `type` are stored.
    public func count(of type: EventType) throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event WHERE type = ?", arguments: [type.rawValue]) ?? 0 }
    }

    /// The event with `id`, if stored.
    public func event(id: UUID) throws -> Event? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT \(Event.columns) FROM event WHERE id = ?", arguments: [id])
                .map(Event.init(row:))
        }
    }

    /// The first event about `subject` of one of `types`, in canonical order: the record that
    /// started the subject, on a device.
    public func firstEvent(about subject: UUID, ofTypes types: Set<EventType>) throws -> Event? {
        try read { db in
            for row in try Row.fetchAll(db, sql: "SELECT \(Event.columns) FROM event WHERE subject = ? ORDER BY hlc, device, cseq",
                                        arguments: [subject]) where types.contains(EventType(rawValue: try row.decode(forColumn: "type"))) {
                return try Event(row: row)
            }
            return nil
        }
    }

    /// The last event about `subject` of type `type`, in canonical order.
    public func lastEvent(about subject: UUID, ofType type: EventType) throws -> Event? {
        try read { db in
            try Row.fetchOne(db, sql: """
                SELECT \(Event.columns) FROM event WHERE subject = ? AND type = ? ORDER BY hlc DESC, device DESC, cseq DESC LIMIT 1
                """, arguments: [subject, type.rawValue]).map(Event.init(row:))
        }
    }

    /// All events, in canonical order.
    public func allEvents() throws -> [Event] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT \(Event.columns) FROM event ORDER BY hlc, device, cseq")
                .map(Event.init(row:))
        }
    }
}

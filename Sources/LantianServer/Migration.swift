import Foundation
import LantianDomain
import LantianPostgres
import LantianStore

/// `lantiand migrate`: moves a server's record from its SQLite file into an empty PostgreSQL
/// database, then reads the database back into a new copy of its own and checks it against the
/// file — the same events under the same numbers, the same quarantine, the same epoch devices know,
/// and every hash chain and signature intact.
///
/// ```swift
/// let report = try Migration.run(from: "server.sqlite", to: StoreLocation(db: "postgresql://…", nodeCopy: "node.sqlite"))
/// ```
public enum Migration {
    /// What a migration moved and what reading it back found.
    public struct Report: Hashable, Sendable {
        public var events: Int
        public var quarantined: Int
        public var changesets: Int64
        /// This node's copy, with the server key and TLS keys beside it.
        public var nodeCopy: String
        /// The read-back copy's audit: chains and signatures checked.
        public var audit: StoreAudit
    }

    public static func run(from path: String, to location: StoreLocation) throws -> Report {
        guard let database = location.database, let record = try location.sharedRecord() else {
            throw AdministrationError.database(location.description, "not a postgresql:// address")
        }
        guard try record.position() == 0 else { throw AdministrationError.databaseNotEmpty(StoreLocation.withoutPassword(database)) }
        // A consistent copy of the file (the server may keep running until the switch), with its keys,
        // becomes this node's copy; opening it on the empty record publishes the whole record.
        _ = try Maintenance.backup(store: path, to: location.file)
        let source = try EventStore(path: path, keeping: .server)
        let node: EventStore
        do { node = try location.open() } catch {
            // Nothing was committed to the database: the copy goes too, so the command can simply be run again.
            for suffix in ["", "-wal", "-shm", ".key", ".tls.key", ".tls.crt"] { try? FileManager.default.removeItem(atPath: location.file + suffix) }
            throw error
        }
        // Read back from the database alone, into a copy of its own.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lantiand-migrate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let readBack = try StoreLocation(db: database, nodeCopy: folder.appendingPathComponent("read-back.sqlite").path).open()
        var cursor: Int64 = 0, events = 0
        while true {
            let expected = try source.page(after: cursor, limit: 10_000, maxBytes: .max).events
            let found = try readBack.page(after: cursor, limit: 10_000, maxBytes: .max).events
            guard found == expected else { throw AdministrationError.migrationDiffers("events after \(cursor)") }
            guard let last = found.last else { break }
            cursor = last.sseq
            events += found.count
        }
        if try readBack.quarantined() != source.quarantined() { throw AdministrationError.migrationDiffers("quarantine") }
        if readBack.epoch != source.epoch || node.epoch != source.epoch { throw AdministrationError.migrationDiffers("epoch") }
        let server = try ServerIdentity.of(node)
        let audit = try readBack.audit(keys: try readBack.deviceKeys().publicKeys, serverKey: server.key.publicKey, complete: { _ in true }, ownDevice: nil)
        return Report(events: events, quarantined: try readBack.quarantined().count, changesets: try record.position(),
                      nodeCopy: location.file, audit: audit)
    }
}

import Foundation
import LantianDomain
import LantianPostgres
import LantianStore

/// Where a server keeps its record: one SQLite file (the default: nothing to install), or a
/// PostgreSQL database shared by several `lantiand` nodes, each keeping a SQLite copy of it.
///
/// ```swift
/// let one = StoreLocation(db: "server.sqlite")
/// let shared = StoreLocation(db: "postgresql://lantian@db.example/lantian", nodeCopy: "/var/lib/lantiand/node.sqlite")
/// let store = try shared.open()
/// ```
public struct StoreLocation: Hashable, Sendable, CustomStringConvertible {
    /// The PostgreSQL connection string (`nil`: the record is the SQLite file itself).
    public let database: String?
    /// The SQLite file this process opens: the store, or this node's copy of the database's record.
    /// The server's signing key and TLS keys sit next to it.
    public let file: String

    /// The node's copy when `--node-copy` is not given: in the working directory.
    public static let defaultNodeCopy = "lantiand-node.sqlite"

    /// `db` names a SQLite file, or a PostgreSQL database as a `postgresql://` (or `postgres://`)
    /// URL, of which `nodeCopy` is this node's copy.
    public init(db: String, nodeCopy: String? = nil) {
        if Self.isDatabaseURL(db) {
            database = db
            file = nodeCopy ?? Self.defaultNodeCopy
        } else {
            database = nil
            file = db
        }
    }

    public static func isDatabaseURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// The database's address with any password left out, for logs and messages.
    public var description: String {
        guard let database else { return file }
        return Self.withoutPassword(database) + " (" + file + ")"
    }

    /// Opens the store: the file, or this node's copy brought up to date with the database's record.
    public func open(rebuilding progress: ((RebuildProgress) -> Void)? = nil) throws -> EventStore {
        try presentingDatabaseErrors { try EventStore(path: file, keeping: .server, sharing: try sharedRecord(), rebuilding: progress) }
    }

    /// The database's record, connected (`nil` for a file).
    public func sharedRecord() throws -> PostgresSharedRecord? {
        guard let database else { return nil }
        return try presentingDatabaseErrors { try PostgresSharedRecord(database) }
    }

    /// `body`, a failure PostgreSQL reports turned into the administration error that names the
    /// database and says what to check.
    private func presentingDatabaseErrors<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as PostgresError {
            throw AdministrationError.database(Self.withoutPassword(database ?? file), error.message)
        }
    }

    static func withoutPassword(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.password != nil else { return url }
        parts.password = "***"
        return parts.string ?? url
    }
}

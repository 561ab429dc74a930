import Foundation
import LantianPostgres
import LantianStore

/// The server store the session tests run on. By default a server on one SQLite file. With
/// `LANTIAN_TEST_SERVER_STORE=postgresql` (`script/test` runs the server suites both ways), each
/// server is a record on PostgreSQL, a database of its own on a throwaway cluster, kept by two
/// nodes' copies: sessions alternate between the nodes, as devices syncing with any node do, and
/// the tests' own reads and writes go to the first.
public enum ServerStoreUnderTest {
    /// Whether servers are records on PostgreSQL shared by two nodes.
    public static let sharesRecord = ProcessInfo.processInfo.environment["LANTIAN_TEST_SERVER_STORE"] == "postgresql"

    /// A new server store at `path`.
    public static func make(path: String) throws -> EventStore {
        guard sharesRecord else { return try EventStore(path: path, keeping: .server) }
        let record = try PostgresSharedRecord(try PostgresCluster.shared.get().newDatabase())
        return try EventStore(path: path, keeping: .server, sharing: record)
    }

    /// The node that serves the next session on `store`'s record: `store` itself on one file; on a
    /// shared record, `store` and a second node's copy in turn (the second given the server's key,
    /// as an administrator copies it to each node).
    public static func node(serving store: EventStore) throws -> EventStore {
        guard let record = store.sharedRecord else { return store }
        return try nodes.withLock { nodes in
            var pair = try nodes[store.path] ?? {
                let path = store.path.replacingOccurrences(of: ".sqlite", with: "-node2.sqlite")
                try? FileManager.default.copyItem(atPath: KeyFile.path(forStore: store.path), toPath: KeyFile.path(forStore: path))
                return (second: try EventStore(path: path, keeping: .server, sharing: record), turn: 0)
            }()
            pair.turn += 1
            nodes[store.path] = pair
            return pair.turn.isMultiple(of: 2) ? store : pair.second
        }
    }

    private static let nodes = Locked<[String: (second: EventStore, turn: Int)]>([:])
}

/// A value shared between test threads behind a lock.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    public init(_ value: Value) { self.value = value }
    public func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        try lock.withLock { try body(&value) }
    }
}

import Foundation
import LantianTestSupport

/// Servers whose record is a PostgreSQL database (on the tests' throwaway cluster) rather than a
/// SQLite file. Tests keep naming a server by a file path — the node's copy — and every `lantiand`
/// command the support runs for that path is given `--db postgresql://… --node-copy PATH` instead.
/// With `LANTIAN_TEST_SERVER_STORE=postgresql`, every server the tests set up is such a node.
enum SharedDatabases {
    private static let urls = Locked<[String: String]>([:])

    /// A new, empty database on the cluster, as a URL `lantiand` takes.
    static func newDatabase() throws -> String {
        let cluster = try PostgresCluster.shared.get()
        return cluster.url(database: try cluster.newDatabaseName())
    }

    /// Makes `path` a node's copy of the record in `database` (a new database when `nil`).
    @discardableResult
    static func register(_ path: String, database: String? = nil) throws -> String {
        let url = try database ?? newDatabase()
        urls.withLock { $0[path] = url }
        return url
    }

    static func url(of path: String) -> String? { urls.withLock { $0[path] } }

    /// `arguments` with each `--db PATH` of a node's copy turned into its database and `--node-copy PATH`.
    static func resolving(_ arguments: [String]) -> [String] {
        guard let index = arguments.firstIndex(of: "--db"), index + 1 < arguments.count, let url = url(of: arguments[index + 1]) else {
            return arguments
        }
        var resolved = arguments
        resolved.replaceSubrange(index...(index + 1), with: ["--db", url, "--node-copy", arguments[index + 1]])
        return resolved
    }

    /// A second node of `first`'s record at `path`: given the server key and TLS keys, as an
    /// administrator copies them to each node.
    static func addNode(at path: String, like first: String) throws {
        guard let url = url(of: first) else { throw Failure("\(first) is not a node's copy") }
        for suffix in [".key", ".tls.key", ".tls.crt"] where FileManager.default.fileExists(atPath: first + suffix) {
            try FileManager.default.copyItem(atPath: first + suffix, toPath: path + suffix)
        }
        try register(path, database: url)
    }
}

import Foundation
import LantianPostgres
import LantianStore

/// A throwaway PostgreSQL cluster for the benchmarks (Debian's `postgresql`), under a temporary
/// folder, on a Unix socket there, run as the `postgres` user when the bench runs as root; with
/// PostgreSQL's durable defaults (`fsync`, `synchronous_commit`), as a deployment's.
final class BenchPostgres {
    let folder: String
    let port: UInt16
    private let bin: String

    init() throws {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        guard let version = versions.compactMap(Int.init).max() else { throw BenchError.failed("no PostgreSQL under /usr/lib/postgresql: run script/bootstrap") }
        bin = "/usr/lib/postgresql/\(version)/bin"
        folder = "/tmp/lantian-bench-pg-\(UUID().uuidString.prefix(8))"
        port = UInt16.random(in: 40_000...50_000)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if getuid() == 0 { _ = try ChildProcess.run("/bin/chown", ["postgres:postgres", folder]) }
        try run("initdb", ["-D", folder + "/data", "-A", "trust", "-U", "postgres", "-E", "UTF8"])
        try run("pg_ctl", ["-D", folder + "/data", "-l", folder + "/log", "-w", "-o", "-p \(port) -k \(folder) -c listen_addresses=''", "start"])
    }

    /// A new, empty database: the URL `lantiand` takes.
    func newDatabase() throws -> String {
        let name = "lantian_" + UUID().uuidString.prefix(8).lowercased()
        try run("createdb", ["-h", folder, "-p", "\(port)", "-U", "postgres", name])
        return "postgresql://postgres@/\(name)?host=\(folder)&port=\(port)"
    }

    /// Moves the server store at `path` into a new database, as `lantiand migrate` does: the file
    /// becomes the first node's copy. Returns the database's URL.
    func moveIntoNewDatabase(serverStore path: String) throws -> String {
        let url = try newDatabase()
        _ = try EventStore(path: path, keeping: .server, sharing: try PostgresSharedRecord(url))
        return url
    }

    func stop() {
        try? run("pg_ctl", ["-D", folder + "/data", "-m", "fast", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    private func run(_ program: String, _ arguments: [String]) throws {
        let command = getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", bin + "/" + program] : [bin + "/" + program]
        let outcome = try ChildProcess.run(command[0], Array(command.dropFirst()) + arguments)
        guard outcome.status == 0 else { throw BenchError.failed("\(program) failed: \(outcome.output) \(outcome.errors)") }
    }
}

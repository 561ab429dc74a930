import Foundation
import LantianPostgres

/// A throwaway PostgreSQL cluster of its own, under a temporary folder, on a Unix socket there:
/// Debian's `postgresql` binaries (`initdb`, `pg_ctl`), started for a suite and stopped with it.
/// PostgreSQL will not run as root, so as root (CI) the cluster runs as the `postgres` user the
/// package creates.
public final class PostgresCluster: @unchecked Sendable {
    public let folder: String
    public let port: UInt16
    /// What `PostgresConnection` is given.
    public var connectionString: String { connectionString(database: "lantian") }

    public func connectionString(database: String) -> String {
        "host=\(folder) port=\(port) dbname=\(database) user=postgres connect_timeout=10"
    }

    /// One cluster for the whole test process, started at first use.
    public static let shared = Result { try PostgresCluster() }

    /// The database `name` as a URL, the form `lantiand --db` takes.
    public func url(database name: String) -> String {
        "postgresql://postgres@/\(name)?host=\(folder)&port=\(port)"
    }

    /// A new, empty database of its own: its name.
    public func newDatabaseName() throws -> String {
        let name = "lantian_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        try PostgresConnection(connectionString).execute("CREATE DATABASE \(name)")
        return name
    }

    /// A new, empty database of its own: the connection string to it.
    public func newDatabase() throws -> String {
        connectionString(database: try newDatabaseName())
    }

    /// Starts a new cluster with a `lantian` database; `settings` are server settings (`name=value`).
    public convenience init(settings: [String] = []) throws {
        try self.init(standbyOf: nil, settings: settings)
    }

    /// Starts a new cluster, or a streaming-replication standby of `primary` (a copy made with
    /// `pg_basebackup`, following the primary under the name `standby`).
    private init(standbyOf primary: PostgresCluster?, settings: [String]) throws {
        guard let bin = Self.binaries() else { throw ClusterError("no PostgreSQL under /usr/lib/postgresql: run script/bootstrap") }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lantian-pg-\(UUID().uuidString.prefix(8))").path
        port = UInt16.random(in: 40_000...50_000)
        self.bin = bin
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if getuid() == 0 { try Self.run("/bin/chown", ["postgres:postgres", folder]) }
        if let primary {
            try Self.run(bin + "/pg_basebackup", ["-d", "host=\(primary.folder) port=\(primary.port) user=postgres application_name=standby",
                                                  "-D", folder + "/data", "-R", "-X", "stream", "--no-sync", "--checkpoint=fast"])
        } else {
            try Self.run(bin + "/initdb", ["-D", folder + "/data", "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8"])
        }
        let options = (["-p \(port)", "-k \(folder)", "-c listen_addresses=''", "-c fsync=off"] + settings.map { "-c \($0)" }).joined(separator: " ")
        try Self.run(bin + "/pg_ctl", ["-D", folder + "/data", "-l", folder + "/log", "-w", "-o", options, "start"])
        Self.stopAtExit(self)
        if primary == nil { try Self.run(bin + "/createdb", ["-h", folder, "-p", "\(port)", "-U", "postgres", "lantian"]) }
    }

    /// A primary and a standby that follows it by streaming replication, synchronously: a commit
    /// returns once the standby has it (`synchronous_commit = on`, `synchronous_standby_names`).
    public static func primaryWithSynchronousStandby() throws -> (primary: PostgresCluster, standby: PostgresCluster) {
        let primary = try PostgresCluster(settings: ["wal_level=replica", "max_wal_senders=4"])
        let standby = try PostgresCluster(standbyOf: primary, settings: [])
        let connection = try PostgresConnection(primary.connectionString)
        try connection.execute("ALTER SYSTEM SET synchronous_standby_names = 'standby'")
        try connection.execute("SELECT pg_reload_conf()")
        let deadline = Date().addingTimeInterval(20)
        while try connection.query("SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby'").first?.first != "sync" {
            guard Date() < deadline else { throw ClusterError("the standby did not become synchronous") }
            usleep(50_000)
        }
        return (primary, standby)
    }

    /// Stops the server at once, as a machine that fails would (its folder kept).
    public func kill() throws {
        try Self.run(bin + "/pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
    }

    /// Makes a standby the primary: it stops following and accepts writes.
    public func promote() throws {
        try Self.run(bin + "/pg_ctl", ["-D", folder + "/data", "-w", "promote"])
    }

    /// Clusters still running, stopped when the test process exits (a suite's cluster lives in a
    /// static, which is never deinitialised).
    nonisolated(unsafe) private static var running: [PostgresCluster] = []

    private static func stopAtExit(_ cluster: PostgresCluster) {
        if running.isEmpty { atexit { for cluster in PostgresCluster.running { cluster.stop() } } }
        running.append(cluster)
    }

    private let bin: String

    /// Stops the server at once and removes the folder.
    public func stop() {
        try? Self.run(bin + "/pg_ctl", ["-D", folder + "/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    deinit { stop() }

    /// The newest PostgreSQL's binaries folder.
    static func binaries() -> String? {
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions.compactMap(Int.init).max().map { "/usr/lib/postgresql/\($0)/bin" }
    }

    /// Runs a PostgreSQL program to its end (as `postgres` when this process is root), its output
    /// in a file (a pipe would stay open as long as the server pg_ctl starts). posix_spawn and
    /// waitpid, not Foundation's `Process`, whose wait can hang while other tests spawn processes.
    static func run(_ program: String, _ arguments: [String]) throws {
        let command = (getuid() == 0 && !program.hasSuffix("chown") ? ["/usr/sbin/runuser", "-u", "postgres", "--", program] : [program]) + arguments
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("lantian-pg-\(UUID().uuidString).out").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let arguments = command.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, command[0], &actions, nil, arguments, environ)
        guard spawned == 0 else { throw ClusterError("cannot start \(command[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        guard status == 0 else {
            let said = FileManager.default.contents(atPath: output).map { String(decoding: $0, as: UTF8.self) } ?? ""
            throw ClusterError("\(command.joined(separator: " ")) failed (status \(status)): \(said)")
        }
    }
}

public struct ClusterError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

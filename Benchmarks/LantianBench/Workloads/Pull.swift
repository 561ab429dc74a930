import Foundation
import LantianDomain
import LantianPostgres
import LantianStore

/// Workload 3: a county supervisor's new phone catches up with everything the server holds: the
/// real `lantian sync` (pull, verify every page, store) against the real `lantiand serve`, timed
/// from start to end, with the client's peak resident memory.
enum PullWorkload {
    struct Outcome {
        var eventsPerSecond: Double
        var peakResidentBytes: Int
        /// The client's CPU time as a share of the wall time (the rest it waited for the server).
        var clientBusyShare: Double
        var pulled: Int
    }

    /// Pulls from the server store at `serverPath` into a new store at `clientPath`; with `database`,
    /// from a node whose copy of that database's record `serverPath` is.
    static func run(serverPath: String, into clientPath: String, programs: Programs, channel: BenchChannel = .tls,
                    database: String? = nil) throws -> Outcome {
        do {
            let server = try EventStore(path: serverPath, keeping: .server, sharing: try database.map { try PostgresSharedRecord($0) })
            _ = try BenchGrid.enrolClient(at: clientPath, as: BenchGrid.supervisor.name, server: server,
                                          identity: try ServerIdentity.of(server), address: "127.0.0.1:1")
        }
        let server = try RunningServer(programs, database: database ?? serverPath, channel: channel,
                                       extraArguments: database == nil ? [] : ["--node-copy", serverPath])
        let sync = try ChildProcess.run(programs.lantian, ["sync", "--db", clientPath, "--server", server.address, "--json"],
                                        environment: channel.clientEnvironment)
        _ = try server.stop()
        let pulled = try SyncOutput(sync.output).pulled
        return Outcome(eventsPerSecond: Double(pulled) / sync.seconds, peakResidentBytes: sync.peakResidentBytes,
                       clientBusyShare: sync.cpuSeconds / sync.seconds, pulled: pulled)
    }
}

import Foundation
import LantianDomain
import LantianStore

/// Workload 2: a grid officer's phone with `count` events recorded offline syncs them to a fresh
/// server over loopback: the real `lantian sync` against the real `lantiand serve`, timed from the
/// start of the command to its end (after the last acknowledgement and the pull that follows,
/// which brings nothing new: the device synced before it went offline).
enum PushWorkload {
    struct Outcome {
        var eventsPerSecond: Double
        /// The client's CPU time as a share of the wall time (the rest it waited for the server).
        var clientBusyShare: Double
        /// The pushed events, as the device stored them: the baseline inserts the same rows.
        var events: [Event]
    }

    /// - Parameter postgres: serve from one node of a database there, the server's store moved into it, rather than from the file.
    static func run(count: Int, programs: Programs, scratch: Scratch, channel: BenchChannel = .tls, postgres: BenchPostgres? = nil) throws -> Outcome {
        var (officer, client, device, clientPath, running) = try BenchGrid.officerSyncedAtTheOffice(programs: programs, scratch: scratch, channel: channel)
        if let postgres {
            _ = try running.stop()
            let serverPath = scratch.path("server.sqlite")
            running = try RunningServer(programs, database: try postgres.moveIntoNewDatabase(serverStore: serverPath), channel: channel,
                                        extraArguments: ["--node-copy", serverPath])
        }
        // A week offline, recorded as the officer would: each fire and its issue together.
        for number in 0..<(count / 2) {
            _ = try client.record(try FieldWork.fire(number, in: officer.scope), device: device, now: .now())
        }
        let events = try client.events(of: device.id, after: 0, limit: count)
        let sync = try ChildProcess.run(programs.lantian, ["sync", "--db", clientPath, "--server", running.address, "--json"],
                                        environment: channel.clientEnvironment)
        _ = try running.stop()
        let pushed = try SyncOutput(sync.output).pushed
        guard pushed == count else { throw BenchError.failed("push: \(pushed) of \(count) events acknowledged") }
        return Outcome(eventsPerSecond: Double(count) / sync.seconds, clientBusyShare: sync.cpuSeconds / sync.seconds, events: events)
    }
}

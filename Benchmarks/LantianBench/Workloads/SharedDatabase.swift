import Foundation
import LantianDomain
import LantianPostgres
import LantianStore

/// Workload 13 (with 2 and 3 on PostgreSQL): two grid officers' phones, each with `count` events
/// recorded offline, push at once — both to one `lantiand` node, or each to its own node of the
/// same database — timed from the start of both syncs to the end of the last.
enum SharedDatabaseWorkload {
    /// Events per second of both phones together.
    static func twoPhonesPushing(count: Int, nodes: Int, programs: Programs, scratch: Scratch, postgres: BenchPostgres) throws -> Double {
        let serverPath = scratch.path("server.sqlite")
        let (made, identity) = try BenchGrid.makeServer(at: serverPath)
        let officers = [BenchGrid.officer(1, of: BenchGrid.cells[0]), BenchGrid.officer(1, of: BenchGrid.cells[1])]
        let phones = try officers.enumerated().map { index, officer in
            (path: scratch.path("officer-\(index).sqlite"),
             enrolled: try BenchGrid.enrolClient(at: scratch.path("officer-\(index).sqlite"), as: officer.name, server: made, identity: identity,
                                                 address: "127.0.0.1:1"))
        }
        let url = try postgres.moveIntoNewDatabase(serverStore: serverPath)
        let running = try RunningServer.nodes(nodes, database: url, firstCopy: serverPath, programs: programs)
        defer { for server in running { _ = try? server.stop() } }
        for (index, phone) in phones.enumerated() {
            let server = running[index % running.count]
            _ = try ChildProcess.run(programs.lantian, ["sync", "--db", phone.path, "--server", server.address])  // at the office
            for number in 0..<(count / 2) {
                _ = try phone.enrolled.0.record(try FieldWork.fire(number, in: officers[index].scope), device: phone.enrolled.1, now: .now())
            }
        }
        let start = ContinuousClock.now
        let syncs = try phones.enumerated().map { index, phone in
            try ChildProcess(programs.lantian, ["sync", "--db", phone.path, "--server", running[index % running.count].address, "--json"])
        }
        let outcomes = syncs.map { $0.wait() }
        let seconds = (ContinuousClock.now - start).seconds
        for outcome in outcomes {
            let pushed = try SyncOutput(outcome.output).pushed
            guard outcome.status == 0, pushed == count else { throw BenchError.failed("two phones: \(pushed) of \(count) acknowledged: \(outcome.errors)") }
        }
        return Double(2 * count) / seconds
    }
}

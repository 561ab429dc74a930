import Foundation
import LantianDomain
import LantianPostgres
import LantianStore
import LantianTestSupport
import Testing

/// The database fails over in the middle of a sync: PostgreSQL streaming replication with a
/// synchronous standby (a commit returns only once the standby has it), both on loopback, started
/// by the test. The primary dies mid-push, the standby is promoted; the nodes reach it (their
/// connection string names both, for whichever accepts writes), the device syncs again, and ends
/// with every event it recorded held once, on the new primary and in both nodes' copies.
@Suite struct FailoverTests {
    @Test func thePrimaryLostMidSyncAndTheStandbyPromotedLosesNoAcknowledgedEventAndStoresNoneTwice() throws {
        let (primary, standby) = try PostgresCluster.primaryWithSynchronousStandby()
        defer { primary.stop(); standby.stop() }
        let url = "postgresql://postgres@/lantian?host=\(primary.folder),\(standby.folder)&port=\(primary.port),\(standby.port)"
            + "&target_session_attrs=read-write&connect_timeout=5"
        let folder = try temporaryFolder()
        let first = folder.appendingPathComponent("node-1.sqlite").path
        try SharedDatabases.register(first, database: url)
        try TestGrid.administer(first)
        let one = try ServerProcess(database: first, port: try freePort(), folder: folder)
        let second = folder.appendingPathComponent("node-2.sqlite").path
        try SharedDatabases.addNode(at: second, like: first)
        let two = try ServerProcess(database: second, port: try freePort(), folder: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: one.address, folder: folder)
        try officer.expectSuccess(["sync"])
        try recordBacklog(2_000, on: officer)
        let device = try #require(try EventStore(path: officer.store).localDevice()).id
        let recorded = try EventStore(path: officer.store).highestCseq(of: device)

        // Mid-push: once the database holds some of the backlog, the primary dies and the standby takes over.
        let pushing = try BackgroundProcess("lantian", ["sync", "--db", officer.store], folder: folder)
        defer { _ = pushing.stop(signal: SIGKILL) }
        let watcher = try PostgresConnection(primary.connectionString)
        func held() -> Int {
            let rows = (try? watcher.query("SELECT count(*) FROM event WHERE device = $1", [device.uuidString])) ?? []
            return rows.first?.first?.flatMap { Int($0) } ?? 0
        }
        let midway = waitUntil(seconds: 30) { held() > 300 }
        #expect(midway, "the push never got under way")
        let heldAtFailure = held()
        let failedAt = Date()
        try primary.kill()
        try standby.promote()
        _ = pushing.stop(signal: SIGTERM)

        // The device syncs again, with either node, until it has nothing left to push.
        var done = false
        for attempt in 0..<30 where !done {
            done = try officer.lantian(["sync", "--server", (attempt.isMultiple(of: 2) ? two : one).address]).status == 0
                && (try officer.json(StatusJSON.self, ["status"]).pending) == 0
            if !done { Thread.sleep(forTimeInterval: 1) }
        }
        print("failover: the primary died holding \(heldAtFailure) of \(recorded) events; the device finished \(Int(Date().timeIntervalSince(failedAt))) s later")
        #expect(done, "the device could not finish its sync after the failover: \(one.logText.suffix(600)) \(two.logText.suffix(600))")
        let held = try PostgresSharedRecord(standby.connectionString).events(after: 0, limit: 100_000).filter { $0.event.device == device }
        let cseqs = held.map(\.event.cseq)
        #expect(cseqs.count == Int(recorded) && Set(cseqs) == Set(1...recorded),
                "the promoted standby holds \(Set(cseqs).count) of the device's \(recorded) events, \(cseqs.count - Set(cseqs).count) twice")
        for node in [one, two] {
            #expect(try TestGrid.lantiand(["verify", "--db", node.database]).contains("全部完好"))
            #expect(try EventStore(path: node.database).highestCseq(of: device) == recorded)
        }
        #expect(one.stop() == 0)
        #expect(two.stop() == 0)
    }
}

import Foundation
import LantianDomain
import LantianPostgres
import LantianStore
import LantianTestSupport
import Testing

/// Several `lantiand` nodes on one PostgreSQL database (a throwaway cluster the tests start):
/// devices sync with any node, in turn, and every record arrives exactly once; a node tells its
/// watching devices of what another node accepted; a server on one SQLite file moves into the
/// database and carries on there.
@Suite struct SharedDatabaseTests {
    /// Two nodes on one new database, the second given the first's server key and TLS keys.
    func twoNodes(in folder: URL) throws -> (ServerProcess, ServerProcess, String) {
        let first = folder.appendingPathComponent("node-1.sqlite").path
        let url = try SharedDatabases.register(first)
        try TestGrid.administer(first)
        let one = try ServerProcess(database: first, port: try freePort(), folder: folder)
        let second = folder.appendingPathComponent("node-2.sqlite").path
        try SharedDatabases.addNode(at: second, like: first)
        let two = try ServerProcess(database: second, port: try freePort(), folder: folder)
        return (one, two, url)
    }

    /// The events of `device` in the database's own event table.
    func recorded(by device: UUID, in url: String) throws -> [AcceptedEvent] {
        try PostgresSharedRecord(url).events(after: 0, limit: 100_000).filter { $0.event.device == device }
    }

    @Test func devicesSyncingWithEitherNodeInTurnEndWithEveryRecordExactlyOnce() throws {
        let folder = try temporaryFolder()
        let (one, two, url) = try twoNodes(in: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: one.address, folder: folder)
        let supervisor = try FieldDevice(user: "supervisor.zhao", server: two.address, folder: folder)
        for device in [officer, supervisor] { try device.expectSuccess(["sync"]) }  // the grid, before recording in it
        for round in 1...4 {
            try officer.reportFire(note: "第 \(round) 处烟点")
            try officer.expectSuccess(["sync", "--server", (round.isMultiple(of: 2) ? one : two).address])
            try supervisor.expectSuccess(["sync", "--server", (round.isMultiple(of: 2) ? two : one).address])
        }
        // A sync cut short on one node, then finished on the other: nothing twice.
        try officer.reportFire(note: "第 5 处烟点")
        try officer.expectSuccess(["sync", "--server", two.address])
        try officer.expectSuccess(["sync", "--server", one.address])
        try supervisor.expectSuccess(["sync", "--server", one.address])

        let officerDevice = try #require(try EventStore(path: officer.store).localDevice()).id
        let ownEvents = try EventStore(path: officer.store).highestCseq(of: officerDevice)
        let held = try recorded(by: officerDevice, in: url)
        #expect(held.map(\.event.cseq) == Array(1...ownEvents))
        #expect(try officer.json(StatusJSON.self, ["status"]).pending == 0)
        let issues = try supervisor.json([TicketJSON].self, ["issue", "list", "--all"])
        #expect(issues.count == 5)
        #expect(Set(issues.map(\.id)).count == 5)
        // Each node's copy checks out whole, and holds what the database holds.
        for node in [one, two] {
            #expect(try TestGrid.lantiand(["verify", "--db", node.database]).contains("全部完好"))
            #expect(try EventStore(path: node.database).highestCseq(of: officerDevice) == ownEvents)
        }
        #expect(one.stop() == 0)
        #expect(two.stop() == 0)
    }

    @Test func aWatchingDeviceHearsOfWhatAnotherNodeAccepted() throws {
        let folder = try temporaryFolder()
        let (one, two, _) = try twoNodes(in: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: one.address, folder: folder)
        let supervisor = try FieldDevice(user: "supervisor.zhao", server: two.address, folder: folder)
        for device in [officer, supervisor] { try device.expectSuccess(["sync"]) }
        let watcher = try BackgroundProcess("lantian", ["sync", "--watch", "--db", supervisor.store], folder: folder)
        defer { watcher.stop(signal: SIGKILL) }
        Thread.sleep(forTimeInterval: 1)
        try officer.reportFire(note: "一号节点收到的烟点")
        try officer.expectSuccess(["sync"])
        let supervisorStore = try EventStore(path: supervisor.store)
        #expect(waitUntil(seconds: 5) { ((try? supervisorStore.allEvents()) ?? []).contains { $0.actor == "officer.zhang" } },
                "the supervisor watching node 2 did not hear of node 1's accept")
        #expect(watcher.stop(signal: SIGTERM) == 0)
        #expect(one.stop() == 0)
        #expect(two.stop() == 0)
    }

    @Test func aServerOnOneFileMovesIntoTheDatabaseAndDevicesCarryOn() throws {
        let folder = try temporaryFolder()
        let file = folder.appendingPathComponent("server.sqlite").path
        try TestGrid.administer(file)
        guard SharedDatabases.url(of: file) == nil else { return }  // in the suite's PostgreSQL run the server is a node already
        var server = try ServerProcess(database: file, port: try freePort(), folder: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: server.address, folder: folder)
        try officer.expectSuccess(["sync"])
        for index in 1...3 { try officer.reportFire(note: "迁移前第 \(index) 处") }
        try officer.expectSuccess(["sync"])
        let before = try EventStore(path: file).page(after: 0, limit: 100_000, maxBytes: .max)
        #expect(server.stop() == 0)

        let url = try SharedDatabases.newDatabase()
        let node = folder.appendingPathComponent("node.sqlite").path
        let moved = try run("lantiand", ["migrate", "--from", file, "--to", url, "--node-copy", node])
        #expect(moved.status == 0, "\(moved.errors)")
        #expect(moved.output.contains("全部完好") && moved.output.contains("已从数据库读回逐条核对"), "\(moved.output)")
        // Into a database that holds a record already: refused, nothing changed.
        let again = try run("lantiand", ["migrate", "--from", file, "--to", url, "--node-copy", node + "-again"])
        #expect(again.status != 0 && again.errors.contains("已有记录"), "\(again.errors)")
        #expect(try PostgresSharedRecord(url).events(after: 0, limit: 100_000) == before.events)

        // The node serves at the old address: the officer's device carries on as if nothing happened.
        try SharedDatabases.register(node, database: url)
        server = try ServerProcess(database: node, port: server.port, folder: folder)
        try officer.reportFire(note: "迁移后")
        try officer.expectSuccess(["sync"])
        let supervisor = try FieldDevice(user: "supervisor.zhao", server: server.address, folder: folder)
        try supervisor.expectSuccess(["sync"])
        #expect(try supervisor.json([TicketJSON].self, ["issue", "list", "--all"]).count == 4)
        #expect(try TestGrid.lantiand(["verify", "--db", node]).contains("全部完好"))
        #expect(server.stop() == 0)
    }
}

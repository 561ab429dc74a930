import Foundation
import LantianDomain
import LantianStore
import Testing

/// The server killed with SIGKILL between two pushes and restarted: nothing lost, nothing stored twice.
@Suite struct ServerRestartTests {
    @Test func killingTheServerBetweenTwoPushesLosesNothingAndStoresNothingTwice() throws {
        let folder = try temporaryFolder()
        let port = try freePort()
        let database = folder.appendingPathComponent("server.sqlite").path
        var lantiand = try ServerProcess(database: database, port: port, folder: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        let supervisor = try FieldDevice(user: "supervisor.wang", server: lantiand.address, folder: folder)

        for index in 1...3 { try officer.reportFire(note: "第一批 \(index)") }
        try supervisor.reportFire(note: "督导组核查发现")
        try officer.expectSuccess(["sync"])
        try supervisor.expectSuccess(["sync"])

        lantiand.kill()
        for index in 1...2 { try officer.reportFire(note: "第二批 \(index)") }
        #expect(try officer.lantian(["sync"]).status == 69)
        #expect(try officer.status().pending == 4)  // each fire point opened an issue once the officer's scope was known

        lantiand = try ServerProcess(database: database, port: port, folder: folder)
        try officer.expectSuccess(["sync"])
        try supervisor.expectSuccess(["sync"])
        try officer.expectSuccess(["sync"])
        #expect(lantiand.stop() == 0)

        // The server holds exactly the union of what the devices recorded, each event once, besides
        // its own reports of the sessions it saw (the sync backlog), under a gap-free global sequence.
        let officerStore = try EventStore(path: officer.store)
        let supervisorStore = try EventStore(path: supervisor.store)
        let recorded = try Self.ownEvents(officerStore) + Self.ownEvents(supervisorStore)
        #expect(recorded.count == 8)
        let serverStore = try EventStore(path: database)
        let serverDevice = try #require(try serverStore.localDevice()).id
        let held = try serverStore.allEvents()
        #expect(held.filter { $0.device != serverDevice }.count == 8)
        #expect(Set(held.filter { $0.device != serverDevice }) == Set(recorded))
        #expect(held.filter { $0.device == serverDevice }.allSatisfy { EventCatalogue.serverOnly.contains($0.type) })
        #expect(try serverStore.page(after: 0, limit: 1_000, maxBytes: 1 << 20).events.map(\.sseq) == Array(1...Int64(held.count)))

        // Both clients hold every event once (their last syncs pulled everything the server then had)
        // and show the same fire points.
        for store in [officerStore, supervisorStore] {
            let events = try store.allEvents()
            #expect(Set(events.filter { $0.device != serverDevice }) == Set(recorded))
            #expect(Set(events).isSubset(of: Set(held)))
            #expect(events.count == Set(events).count)
        }
        #expect(try officer.firePoints() == supervisor.firePoints())
        #expect(try supervisor.firePoints().count == 6)
        #expect(try officer.status().pending == 0)
    }

    static func ownEvents(_ store: EventStore) throws -> [Event] {
        let device = try #require(try store.localDevice())
        return try store.events(of: device.id, after: 0, limit: 1_000)
    }
}

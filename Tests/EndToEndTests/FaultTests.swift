import Foundation
import LantianDomain
import LantianFraming
import LantianWire
import LantianStore
import LantianTestSupport
import Testing

/// Faults injected into real processes on loopback, each ending with the invariant of
/// ``expectConverged(server:devices:)``: nothing lost, nothing stored twice.
@Suite struct FaultTests {
    /// Big enough that a sync takes a while, so a kill lands inside it.
    static let backlog = 6_000

    @Test(arguments: [1, 2, 3] as [UInt64])
    func theServerKilledAtARandomMomentOfALargePushLosesNothing(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let folder = try temporaryFolder()
        let database = folder.appendingPathComponent("server.sqlite").path
        let port = try freePort()
        var lantiand = try ServerProcess(database: database, port: port, folder: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        try recordBacklog(Self.backlog, on: officer)

        let officerDevice = try #require(try EventStore(path: officer.store).localDevice()).id
        let sync = try BackgroundProcess("lantian", ["sync", "--db", officer.store], folder: folder)
        let server = try EventStore(path: database)
        #expect(waitUntil(seconds: 20) { (try? server.highestCseq(of: officerDevice)) ?? 0 >= 1_000 })
        Thread.sleep(forTimeInterval: Double.random(in: 0...0.2, using: &random))
        lantiand.kill()
        let heldAtKill = try server.highestCseq(of: officerDevice)
        print("seed \(seed): killed with \(heldAtKill) of \(Self.backlog) pushed")
        #expect(sync.wait(seconds: 30) != nil)
        lantiand = try ServerProcess(database: database, port: port, folder: folder)
        try officer.expectSuccess(["sync"])
        try expectConverged(server: database, devices: [officer])
    }

    @Test(arguments: [4, 5, 6] as [UInt64])
    func theServerKilledAtARandomMomentOfALargePullLosesNothing(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let folder = try temporaryFolder()
        let database = folder.appendingPathComponent("server.sqlite").path
        let port = try freePort()
        var lantiand = try ServerProcess(database: database, port: port, folder: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        let supervisor = try FieldDevice(user: "supervisor.zhao", server: lantiand.address, folder: folder)
        try recordBacklog(Self.backlog, on: officer)
        try officer.expectSuccess(["sync"])

        let sync = try BackgroundProcess("lantian", ["sync", "--db", supervisor.store], folder: folder)
        let pulling = try EventStore(path: supervisor.store)
        #expect(waitUntil(seconds: 20) { (try? pulling.syncState().cursor) ?? 0 >= 1_000 })
        Thread.sleep(forTimeInterval: Double.random(in: 0...0.2, using: &random))
        lantiand.kill()
        print("seed \(seed): killed with \(try pulling.count()) of \(Self.backlog) pulled")
        #expect(sync.wait(seconds: 30) != nil)
        lantiand = try ServerProcess(database: database, port: port, folder: folder)
        for device in [supervisor, officer, supervisor] { try device.expectSuccess(["sync"]) }
        try expectConverged(server: database, devices: [officer, supervisor])
    }

    @Test(arguments: [7, 8, 9] as [UInt64])
    func theClientKilledMidPushOrMidPullKeepsAConsistentStoreAndSyncs(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let folder = try temporaryFolder()
        let lantiand = try ServerProcess(database: folder.appendingPathComponent("server.sqlite").path, port: try freePort(), folder: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        let supervisor = try FieldDevice(user: "supervisor.zhao", server: lantiand.address, folder: folder)
        try recordBacklog(Self.backlog, on: officer)

        let server = try EventStore(path: lantiand.database)
        let officerDevice = try #require(try EventStore(path: officer.store).localDevice()).id
        let progress: [(FieldDevice, () -> Int64)] = [
            (officer, { (try? server.highestCseq(of: officerDevice)) ?? 0 }),                  // killed mid-push
            (supervisor, { (try? EventStore(path: supervisor.store).syncState().cursor) ?? 0 }),  // killed mid-pull
        ]
        for (device, done) in progress {
            let sync = try BackgroundProcess("lantian", ["sync", "--db", device.store], folder: folder)
            #expect(waitUntil(seconds: 20) { done() >= 1_000 })
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.2, using: &random))
            sync.stop(signal: SIGKILL)
            print("seed \(seed): \(device.store.hasSuffix("officer.zhang.sqlite") ? "pushing" : "pulling") client killed at \(done()) of \(Self.backlog)")
            let store = try EventStore(path: device.store)  // opens: consistent
            #expect(try store.syncState().cursor <= server.head())
            try device.expectSuccess(["sync"])
        }
        #expect(try EventStore(path: officer.store).count() >= Self.backlog)
        for device in [officer, supervisor] { try device.expectSuccess(["sync"]) }
        try expectConverged(server: lantiand.database, devices: [officer, supervisor])
    }

    /// Every connection is TLS: the proxy sees records it cannot read, and cuts inside the
    /// handshake or inside the records that carry the session's frames. Records each way, after the
    /// handshake: to the server `hello` (0), then the push batches (1…); to the client `challenge`
    /// (0), `welcome` (1), then the acknowledgements (2…).
    @Test(arguments: [
        ("inside the client's TLS handshake (its ClientHello)", CutPoint.byte(100), CuttingProxy.Direction.toServer),
        ("inside the server's TLS handshake (its certificate)", .byte(250), .toClient),
        ("inside the header of the push's first record", .toServer(record: 1, offset: 3), .toServer),
        ("inside the push's first record", .toServer(record: 1, offset: 5_000), .toServer),
        ("between a batch and its acknowledgement", .toClient(record: 2, offset: 0), .toClient),
        ("inside the acknowledgement's record", .toClient(record: 2, offset: 12), .toClient),
        // 4,500 events are five batches: the client sends four at once, the window the server announces.
        ("inside a full window, in the second batch", .byte(600_000), .toServer),
        ("inside a full window, after the first acknowledgement", .toClient(record: 3, offset: 0), .toClient),
    ])
    func aConnectionCutAtAChosenPlaceLosesNothing(_ place: String, _ cut: CutPoint, _ direction: CuttingProxy.Direction) throws {
        let folder = try temporaryFolder()
        let lantiand = try ServerProcess(database: folder.appendingPathComponent("server.sqlite").path, port: try freePort(), folder: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        try recordBacklog(place.contains("window") ? 4_500 : 1_500, on: officer)
        let proxy = try CuttingProxy(upstreamPort: lantiand.port, cut: cut, direction: direction)

        #expect(try officer.lantian(["sync", "--server", proxy.address]).status != 0, "not cut \(place)")
        let cutAt = try #require(proxy.bytesBeforeCut, "not cut \(place)")
        if case .byte(let offset) = cut { #expect(cutAt == offset) }
        try officer.expectSuccess(["sync"])
        try expectConverged(server: lantiand.database, devices: [officer])
    }

    @Test func aReplayedOrDelayedCopyOfAPushStoresNothingTwice() throws {
        let folder = try temporaryFolder()
        let lantiand = try ServerProcess(database: folder.appendingPathComponent("server.sqlite").path, port: try freePort(), folder: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        try recordBacklog(1_500, on: officer)
        try officer.expectSuccess(["sync"])
        let server = try EventStore(path: lantiand.database)
        let held = try server.count()

        // Every push of the sync, delivered again later on new connections, oldest last.
        let store = try EventStore(path: officer.store)
        let device = try #require(try store.localDevice())
        for after in [1_000, 0] as [Int64] {
            let connection = try RawConnection(port: lantiand.port)
            guard case .welcome? = try connection.helloAs(store: officer.store).0 else { throw Failure("no welcome") }
            let events = try store.events(of: device.id, after: after, limit: 1_000)
            let signature = try #require(try store.signature(of: device.id, at: events.last!.cseq))
            try connection.send(.push(Push(events: events, signature: signature.signature)))
            guard case .pushAck(let ack)? = try connection.receive() else { throw Failure("no acknowledgement") }
            #expect(ack.acknowledgedCseq == 1_500)
        }
        #expect(try server.count() - held <= 2)  // only the server's reports of the two sessions
        try officer.expectSuccess(["sync"])
        try expectConverged(server: lantiand.database, devices: [officer])
    }
}

import Foundation
import GRDB
import LantianDomain
import LantianStore
import LantianWire
import Testing

/// A server whose database is slow — another writer holds it, a PostgreSQL standby is being
/// promoted, a disk stalls — answers late only the connection whose request waits for it: its
/// database work runs off the loop that does every connection's handshakes, greetings and pings.
@Suite struct SlowDatabaseTests {
    @Test func aDeviceIsGreetedAtOnceWhileAnothersPushWaitsForTheDatabase() throws {
        let folder = try temporaryFolder()
        let lantiand = try ServerProcess(database: folder.appendingPathComponent("server.sqlite").path, port: try freePort(), folder: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        let other = try FieldDevice(user: "officer.li", server: lantiand.address, folder: folder)
        try recordBacklog(20, on: officer)
        let store = try EventStore(path: officer.store)
        let device = try #require(try store.localDevice())
        let events = try store.events(of: device.id, after: 0, limit: 100)
        let last = try #require(events.last)
        let pusher = try RawConnection(port: lantiand.port)
        let (welcome, _, key) = try pusher.helloAs(store: officer.store)
        guard case .welcome? = welcome else { throw Failure("no welcome") }
        let signature = try ChainSignature(signing: EventChain.hash(of: last), device: device.id, cseq: last.cseq, with: key)

        // Another writer holds the server's file; the push waits for it (up to the store's 10 s).
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true
        let blocker = try DatabaseQueue(path: lantiand.database, configuration: holding)
        try blocker.inDatabase { try $0.execute(sql: "BEGIN IMMEDIATE") }
        try pusher.send(.push(Push(events: events, signature: signature.signature)))
        Thread.sleep(forTimeInterval: 1)

        let started = Date()
        let newcomer = try RawConnection(port: lantiand.port)  // the TLS handshake and the server's challenge
        let waited = Date().timeIntervalSince(started)
        #expect(waited < 3, "a new device waited \(waited) s for its greeting while another's push waited for the database")
        #expect(pusher.hasNothingToRead, "the push was answered while the database was held: nothing was waiting")

        try blocker.inDatabase { try $0.execute(sql: "ROLLBACK") }
        guard case .pushAck(let ack)? = try pusher.receive() else { throw Failure("the push was not acknowledged") }
        #expect(ack.acknowledgedCseq == last.cseq && ack.rejected.isEmpty)
        guard case .welcome? = try newcomer.helloAs(store: other.store).0 else { throw Failure("the newcomer was not welcomed") }
        try officer.expectSuccess(["sync"])
        try other.expectSuccess(["sync"])
        try expectConverged(server: lantiand.database, devices: [officer, other])
    }
}

import Foundation
import LantianTestSupport
import LantianDomain
import LantianWire
import LantianStore
import Testing

/// An enrolled device that sends hand-made events cannot take the real server down: the review's
/// poison event (a valid fire point whose clock reads the end of time) is refused, and the server
/// goes on recording, enrolling, syncing and restarting as before.
@Suite struct HostileClientTests {
    @Test func aPoisonedClockIsRefusedAndTheServerGoesOnAsBefore() throws {
        let folder = try temporaryFolder()
        let database = folder.appendingPathComponent("server.sqlite").path
        let lantiand = try ServerProcess(database: database, port: try freePort(), folder: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        try officer.expectSuccess(["sync"])

        // officer.li's phone, stolen and made to send by hand.
        let stolen = try FieldDevice(user: "officer.li", server: lantiand.address, folder: folder)
        let hostile = try RawConnection(port: lantiand.port)
        let (welcome, device, key) = try hostile.helloAs(store: stolen.store)
        guard case .welcome? = welcome else { Issue.record("expected welcome"); return }
        let now = Timestamp.now()
        let fire = try FirePointReport(location: GeoPoint(latitude: 36.45, longitude: 115.98), node: TestGrid.cell, observedAt: now, note: "毒")
        let poison = Event(id: UUID(), device: device.id, cseq: 1, actor: device.actor, hlc: HybridTimestamp(packed: .max) ?? .max,
                           recordedAt: now, subject: UUID(), type: FirePointReport.eventType, schema: FirePointReport.schema,
                           payload: try PayloadCodec.encode(fire))
        let signature = try ChainSignature(signing: EventChain.hash(of: poison), device: device.id, cseq: 1, with: key)
        try hostile.send(.push(Push(events: [poison], signature: signature.signature)))
        guard case .pushAck(let ack)? = try hostile.receive() else { Issue.record("the push was not acknowledged"); return }
        guard case .implausibleClock? = ack.rejected.first.map({ Refusal(wire: $0.reason) }) else { Issue.record("accepted: \(ack)"); return }

        // The server records its own events as before, and administers, enrols and syncs.
        try TestGrid.lantiand(["user", "add", "officer.qian", "--role", "grid-officer", "--scope", TestGrid.cell, "--db", database])
        let qian = try FieldDevice(user: "officer.qian", server: lantiand.address, folder: folder)
        try qian.reportFire(note: "之后照常")
        try qian.expectSuccess(["sync"])
        try officer.expectSuccess(["sync"])
        #expect(try officer.firePoints().map(\.note) == ["之后照常"])
        #expect(lantiand.stop() == 0)

        // And after a restart.
        let again = try ServerProcess(database: database, port: try freePort(), folder: folder)
        try qian.expectSuccess(["sync", "--server", again.address])
        try TestGrid.lantiand(["config", "dustfall-limit", "--node", TestGrid.county, "--year", "2026", "--limit", "8", "--db", database])
        try TestGrid.lantiand(["verify", "--db", database])
        #expect(again.stop() == 0)
    }
}

import Foundation
import LantianProtocol
import LantianStore
import Testing
@testable import LantianSync

/// A server's side of a session on `store`, with the server's own device set up.
func serverSessionOf(_ store: EventStore, limits: WireLimits = .standard) throws -> ServerSession {
    let device = try store.localDevice() ?? store.setUpLocalDevice(actor: "lantiand", server: nil)
    return ServerSession(store: store, serverDevice: device, limits: limits, clock: { Timestamp(millisecondsSince1970: 42) })
}

/// A client store set up for one user, in a fresh folder.
func clientStore(_ actor: String) throws -> (EventStore, LocalDevice) {
    let store = try EventStore(path: temporaryPath(actor))
    return (store, try store.setUpLocalDevice(actor: actor, server: "127.0.0.1:1"))
}

func temporaryPath(_ name: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lantian-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("\(name).sqlite").path
}

func record(_ count: Int, in store: EventStore, by device: LocalDevice) throws {
    for index in 0..<count {
        let report = try FirePointReport(location: try GeoPoint(latitude: 36.4, longitude: 115.9),
                                         observedAt: Timestamp(millisecondsSince1970: 1_000), note: "#\(index)")
        _ = try store.record(try EventDraft(subject: UUID(), payload: report), device: device, now: .now())
    }
}

/// Runs a whole session between the two sides, every message through the codec as on the wire.
/// `dropping` names a message type the "network" loses, ending the session there.
func converse(_ client: ClientSession, _ server: ServerSession, dropping lost: String? = nil) throws -> SyncReport? {
    try converse(client, server, cuttingAt: { $0.name == lost })
}

/// Runs a session until the server's answer `cut` picks, which the "network" loses, ending the session there.
func converse(_ client: ClientSession, _ server: ServerSession, cuttingAt cut: (Message) -> Bool) throws -> SyncReport? {
    var outgoing = try client.start()
    while true {
        let reply = server.handle(try MessageCodec.decode(MessageCodec.encode(outgoing)))
        guard case .send(let answer) = reply else { Issue.record("server ended the session: \(reply)"); return nil }
        if cut(answer) { return nil }
        switch try client.handle(try MessageCodec.decode(MessageCodec.encode(answer))) {
        case .send(let next): outgoing = next
        case .finished(let report), .caughtUp(let report, _): return report
        case .wait: Issue.record("the client waited without being pinged"); return nil
        }
    }
}

@Suite struct SessionTests {
    let limits = WireLimits(maxFrameBytes: 1 << 20, maxBatch: 2)

    func serverSession(_ store: EventStore) throws -> ServerSession {
        try serverSessionOf(store, limits: limits)
    }

    @Test func aClientPushesEverythingInBatchesThenAnotherPullsItAll() throws {
        let server = try EventStore(path: temporaryPath("server"))
        let (officer, officerDevice) = try clientStore("officer.zhang")
        let (supervisor, _) = try clientStore("supervisor.wang")
        try record(5, in: officer, by: officerDevice)

        let pushed = try #require(try converse(ClientSession(store: officer, purpose: .sync), try serverSession(server)))
        #expect(pushed.pushed == 5)
        #expect(try officer.pendingCount(device: officerDevice.id) == 0)
        #expect(try server.count() == 5)

        let pulled = try #require(try converse(ClientSession(store: supervisor, purpose: .sync), try serverSession(server)))
        #expect(pulled.pulled == 5)
        #expect(try supervisor.syncState().cursor == 5)
        #expect(try supervisor.project(FirePoints.self).all == officer.project(FirePoints.self).all)
    }

    @Test func aLostAcknowledgementCostsNothingOnTheNextSync() throws {
        let server = try EventStore(path: temporaryPath("server"))
        let (officer, device) = try clientStore("officer.zhang")
        try record(3, in: officer, by: device)

        #expect(try converse(ClientSession(store: officer, purpose: .sync), try serverSession(server), dropping: "push-ack") == nil)
        #expect(try server.count() == 2)  // the first batch was committed; its acknowledgement was lost
        #expect(try officer.pendingCount(device: device.id) == 3)

        let report = try #require(try converse(ClientSession(store: officer, purpose: .sync), try serverSession(server)))
        #expect(report.pushed == 1)
        #expect(try server.count() == 3)
        #expect(try officer.pendingCount(device: device.id) == 0)
    }

    @Test func aReplacedServerGetsEveryEventAgainAndTheClientPullsFromTheStart() throws {
        let (officer, device) = try clientStore("officer.zhang")
        try record(3, in: officer, by: device)
        _ = try converse(ClientSession(store: officer, purpose: .sync), serverSession(try EventStore(path: temporaryPath("old"))))

        let replacement = try EventStore(path: temporaryPath("new"))
        let report = try #require(try converse(ClientSession(store: officer, purpose: .sync), serverSession(replacement)))
        #expect(report.pushed == 3)
        #expect(try replacement.count() == 3)
        #expect(try officer.syncState().serverEpoch == replacement.epoch)
        #expect(try officer.count() == 3)
    }

    @Test func aClientOutsideTheServersVersionsIsToldBothRanges() throws {
        let session = try serverSession(try EventStore(path: temporaryPath("server")))
        let reply = session.handle(.hello(Hello(versions: 2...3, device: UUID(), actor: "officer.zhang")))
        guard case .sendAndClose(.error(let error)) = reply else { Issue.record("expected an error and close, got \(reply)"); return }
        #expect(error.code == .unsupportedVersion)
        #expect(error.message.contains("server speaks 1–1") && error.message.contains("client 2–3"))
    }

    @Test func pushingOrPullingBeforeHelloIsRefusedAndEndsTheSession() throws {
        let session = try serverSession(try EventStore(path: temporaryPath("server")))
        for message in [Message.push(Push(events: [])), .pull(Pull(after: 0, limit: 1))] {
            guard case .sendAndClose(.error(let error)) = session.handle(message) else { Issue.record("not refused"); continue }
            #expect(error.code == .unexpectedMessage)
        }
    }

    @Test func aPushWithAGapIsAnsweredWithTheExpectedSequence() throws {
        let server = try EventStore(path: temporaryPath("server"))
        let (officer, device) = try clientStore("officer.zhang")
        try record(3, in: officer, by: device)
        let session = try serverSession(server)
        _ = session.handle(.hello(Hello(versions: 1...1, device: device.id, actor: device.actor)))
        let third = try officer.events(of: device.id, after: 2, limit: 1)
        guard case .send(.error(let error)) = session.handle(.push(Push(events: third))) else { Issue.record("gap not refused"); return }
        #expect(error.code == .sequenceGap)
        #expect(error.message.contains("expected cseq 1"))
        #expect(try server.count() == 0)
    }

    @Test func aPushLargerThanTheBatchLimitIsRefused() throws {
        let server = try EventStore(path: temporaryPath("server"))
        let (officer, device) = try clientStore("officer.zhang")
        try record(3, in: officer, by: device)
        let session = try serverSession(server)
        _ = session.handle(.hello(Hello(versions: 1...1, device: device.id, actor: device.actor)))
        let all = try officer.events(of: device.id, after: 0, limit: 3)
        guard case .send(.error(let error)) = session.handle(.push(Push(events: all))) else { Issue.record("not refused"); return }
        #expect(error.code == .invalidEvent)
        #expect(try server.count() == 0)
    }
}

@Suite struct LivenessSessionTests {
    @Test func eitherSideAnswersAPingWithItsNonceAndAPongAsksNothing() throws {
        let (store, _) = try clientStore("officer.zhang")
        let client = ClientSession(store: store, purpose: .sync)
        #expect(try client.handle(.ping(nonce: 9)) == .send(.pong(nonce: 9)))
        #expect(try client.handle(.pong(nonce: 9)) == .wait)
        let server = try serverSessionOf(try EventStore(path: temporaryPath("server")))
        #expect(server.handle(.ping(nonce: 3)) == .send(.pong(nonce: 3)))
        #expect(server.handle(.pong(nonce: 3)) == .nothing)
    }
}

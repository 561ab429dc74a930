import Foundation
import LantianDomain
import LantianWire
import LantianStore
import LantianTestSupport
import Testing
@testable import LantianSessions

@Suite struct SessionTests {
    let limits = WireLimits(maxFrameBytes: 1 << 20, maxBatch: 2)

    func serverSession(_ store: EventStore) throws -> ServerSession {
        try serverSessionOf(store, limits: limits)
    }

    @Test func aClientPushesEverythingInBatchesThenAnotherPullsItAll() throws {
        let server = try serverStore()
        let (officer, officerDevice) = try clientStore("officer.zhang", enrolledAt: server)
        let (supervisor, _) = try clientStore("supervisor.wang", enrolledAt: server)
        try record(5, in: officer, by: officerDevice)

        let pushed = try #require(try converse(clientSession(officer, .sync), try serverSession(server)))
        #expect(pushed.pushed == 5)
        #expect(try officer.pendingCount(device: officerDevice.id) == 0)
        #expect(try fieldEventCount(server) == 5)

        let pulled = try #require(try converse(clientSession(supervisor, .sync), try serverSession(server)))
        #expect(pulled.pulled == 5)
        #expect(try supervisor.syncState().cursor == server.head())
        #expect(try supervisor.folded(FirePoints.self).all == officer.folded(FirePoints.self).all)
    }

    @Test func aLostAcknowledgementCostsNothingOnTheNextSync() throws {
        let server = try serverStore()
        let (officer, device) = try clientStore("officer.zhang", enrolledAt: server)
        try record(3, in: officer, by: device)

        #expect(try converse(clientSession(officer, .sync), try serverSession(server), dropping: "push-ack") == nil)
        #expect(try fieldEventCount(server) == 2)  // the first batch was committed; its acknowledgement was lost
        #expect(try officer.pendingCount(device: device.id) == 3)

        let report = try #require(try converse(clientSession(officer, .sync), try serverSession(server)))
        #expect(report.pushed == 1)
        #expect(try fieldEventCount(server) == 3)
        #expect(try officer.pendingCount(device: device.id) == 0)
    }

    @Test func aServerRestoredUnderANewEpochGetsEveryEventAgainAndTheClientPullsFromTheStart() throws {
        let server = try serverStore()
        let (officer, device) = try clientStore("officer.zhang", enrolledAt: server)
        let backup = try temporaryPath("backup")
        try server.backup(to: backup)
        try KeyFile.copy(fromStore: server.path, toStore: backup)
        try record(3, in: officer, by: device)
        _ = try converse(clientSession(officer, .sync), serverSession(server))

        let replacementPath = try temporaryPath("replacement")
        try EventStore.restore(backup: backup, to: replacementPath)
        try KeyFile.copy(fromStore: backup, toStore: replacementPath)
        let replacement = try EventStore(path: replacementPath)
        let report = try #require(try converse(clientSession(officer, .sync), serverSession(replacement)))
        #expect(report.pushed == 3)
        #expect(try fieldEventCount(replacement) == 3)
        #expect(try officer.syncState().serverEpoch == replacement.epoch)
        #expect(try fieldEventCount(officer) == 3)
    }

    @Test func aClientOutsideTheServersVersionsIsToldBothRanges() throws {
        let session = try serverSession(try serverStore())
        let reply = session.handle(.hello(Hello(versions: 3...4, device: UUID(), actor: "officer.zhang")))
        guard case .sendAndClose(.error(let error)) = reply else { Issue.record("expected an error and close, got \(reply)"); return }
        #expect(error.code == .unsupportedVersion)
        #expect(error.message.contains("server speaks 2–2") && error.message.contains("client 3–4"))
    }

    @Test func pushingOrPullingBeforeHelloIsRefusedAndEndsTheSession() throws {
        let session = try serverSession(try serverStore())
        for message in [Message.push(Push(events: [])), .pull(Pull(after: 0, limit: 1))] {
            guard case .sendAndClose(.error(let error)) = session.handle(message) else { Issue.record("not refused"); continue }
            #expect(error.code == .unexpectedMessage)
        }
    }

    @Test func aPushWithAGapIsAnsweredWithTheExpectedSequence() throws {
        let server = try serverStore()
        let (officer, device) = try clientStore("officer.zhang", enrolledAt: server)
        try record(3, in: officer, by: device)
        let (session, key) = try authenticatedSession(officer, server: server, limits: limits)
        let third = try officer.events(of: device.id, after: 2, limit: 1)
        guard case .send(.error(let error)) = session.handle(.push(try signedPush(third, key: key))) else { Issue.record("gap not refused"); return }
        #expect(error.code == .sequenceGap)
        #expect(error.message.contains("expected cseq 1"))
        #expect(try fieldEventCount(server) == 0)
    }

    @Test func aPushLargerThanTheBatchLimitIsRefused() throws {
        let server = try serverStore()
        let (officer, device) = try clientStore("officer.zhang", enrolledAt: server)
        try record(3, in: officer, by: device)
        let (session, key) = try authenticatedSession(officer, server: server, limits: limits)
        let all = try officer.events(of: device.id, after: 0, limit: 3)
        guard case .send(.error(let error)) = session.handle(.push(try signedPush(all, key: key))) else { Issue.record("not refused"); return }
        #expect(error.code == .invalidEvent)
        #expect(try fieldEventCount(server) == 0)
    }
}

@Suite struct LivenessSessionTests {
    @Test func eitherSideAnswersAPingWithItsNonceAndAPongAsksNothing() throws {
        let server = try serverStore()
        let (store, _) = try clientStore("officer.zhang", enrolledAt: server)
        let client = try clientSession(store, .sync)
        #expect(try client.handle(.ping(nonce: 9)) == .send(.pong(nonce: 9)))
        #expect(try client.handle(.pong(nonce: 9)) == .wait)
        let (session, _) = try authenticatedSession(store, server: server)
        #expect(session.handle(.ping(nonce: 3)) == .send(.pong(nonce: 3)))
        #expect(session.handle(.pong(nonce: 3)) == .nothing)
    }

    /// The session rules of PROTOCOL.md: nothing but hello (or enrol) before welcome, pings included.
    @Test func aPingBeforeHelloIsAnUnexpectedMessageAndEndsTheConnection() throws {
        let session = try serverSessionOf(try serverStore())
        guard case .sendAndClose(.error(let error)) = session.handle(.ping(nonce: 3)) else { Issue.record("a ping before hello was answered"); return }
        #expect(error.code == .unexpectedMessage)
    }
}

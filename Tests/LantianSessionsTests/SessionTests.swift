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

    /// `lantian sync --push-only`: on a weak link the device's records go up and nothing comes down.
    @Test func aPushOnlySessionPushesEverythingAndPullsNothing() throws {
        let server = try serverStore()
        let (officer, officerDevice) = try clientStore("officer.zhang", enrolledAt: server)
        let (colleague, colleagueDevice) = try clientStore("officer.li", enrolledAt: server)
        try record(3, in: colleague, by: colleagueDevice)
        _ = try converse(clientSession(colleague, .sync), try serverSession(server))
        try record(5, in: officer, by: officerDevice)
        let cursor = try officer.syncState().cursor

        let pushed = try #require(try converse(clientSession(officer, .push), try serverSession(server)))
        #expect(pushed.pushed == 5 && pushed.pulled == 0)
        #expect(try officer.pendingCount(device: officerDevice.id) == 0)
        #expect(try officer.syncState().cursor == cursor, "a push-only session moved the pull cursor")
        #expect(try officer.folded(FirePoints.self).all.count == 5, "a push-only session stored the colleague's fire points")
        #expect(try fieldEventCount(server) == 8)
    }

    /// Version 3: up to the window of batches go out before the first acknowledgement, and one
    /// more as each acknowledgement comes back; acknowledgements lost inside the window cost nothing.
    @Test func aClientKeepsAWindowOfBatchesInFlight() throws {
        let server = try serverStore()
        let (officer, device) = try clientStore("officer.zhang", enrolledAt: server)
        try record(7, in: officer, by: device)
        let windowed = WireLimits(maxFrameBytes: 1 << 20, maxBatch: 2, window: 3)

        let client = try clientSession(officer, .sync), session = try serverSessionOf(server, limits: windowed)
        _ = try client.start()
        guard case .send(let hello) = try client.handle(try overTheWire(session.greeting())),
              case .send(let welcome) = session.handle(try overTheWire(hello)),
              case .sendAll(let batches) = try client.handle(try overTheWire(welcome)) else { Issue.record("no window of batches"); return }
        let cseqs = batches.map { message -> [Int64] in
            guard case .push(let push) = message else { return [] }
            return push.events.map(\.cseq)
        }
        #expect(cseqs == [[1, 2], [3, 4], [5, 6]])
        guard case .send(let ack) = session.handle(try overTheWire(batches[0])),
              case .send(.push(let next)) = try client.handle(try overTheWire(ack)) else { Issue.record("no batch after the first acknowledgement"); return }
        #expect(next.events.map(\.cseq) == [7])

        // The same again on a new store, every acknowledgement of the window lost.
        let other = try serverStore("other")
        let (phone, phoneDevice) = try clientStore("officer.zhang", enrolledAt: other)
        try record(7, in: phone, by: phoneDevice)
        #expect(try converse(clientSession(phone, .sync), try serverSessionOf(other, limits: windowed), dropping: "push-ack") == nil)
        #expect(try fieldEventCount(other) == 2)  // the session ended at the first lost acknowledgement
        #expect(try converse(clientSession(phone, .sync), try serverSessionOf(other, limits: windowed)) != nil)
        #expect(try fieldEventCount(other) == 7 && phone.pendingCount(device: phoneDevice.id) == 0)
    }

    /// A pull asks for the next page before it stores the last (PROTOCOL.md, *Pull*, asking
    /// ahead); a session cut between the two stores the page in hand and asks for the rest next time.
    @Test func aClientAsksForTheNextPageBeforeStoringTheLast() throws {
        let server = try serverStore()
        let (officer, device) = try clientStore("officer.zhang", enrolledAt: server)
        let (supervisor, _) = try clientStore("supervisor.wang", enrolledAt: server)
        let (other, _) = try clientStore("supervisor.zhao", enrolledAt: server)
        try record(5, in: officer, by: device)
        _ = try #require(try converse(clientSession(officer, .sync), try serverSession(server)))
        let before = try supervisor.syncState().cursor

        let client = try clientSession(supervisor, .sync), session = try serverSession(server)
        _ = try client.start()
        guard case .send(let hello) = try client.handle(try overTheWire(session.greeting())),
              case .send(let welcome) = session.handle(try overTheWire(hello)) else { Issue.record("no welcome"); return }
        let first = try client.handle(try overTheWire(welcome))
        guard case .send(let pull) = first else { Issue.record("after welcome: \(first)"); return }
        guard case .send(let answer) = session.handle(try overTheWire(pull)), case .page(let page) = answer else { Issue.record("no page"); return }
        let step = try client.handle(try overTheWire(answer))
        guard case .sendAhead(.pull(let next)) = step else { Issue.record("after a page: \(step)"); return }
        #expect(next.after == page.events.last?.sseq)
        #expect(try supervisor.syncState().cursor == before)  // asked for, not yet stored
        #expect(try client.proceed() == .wait)
        #expect(try supervisor.syncState().cursor == page.events.last?.sseq)

        // Cut at the second page: the first is stored, the next session brings the rest.
        let otherBefore = try other.syncState().cursor
        var pages = 0
        #expect(try converse(clientSession(other, .sync), try serverSession(server), cuttingAt: { message in
            if case .page = message { pages += 1 }
            return pages == 2
        }) == nil)
        #expect(try other.syncState().cursor > otherBefore)
        _ = try #require(try converse(clientSession(other, .sync), try serverSession(server)))
        #expect(try other.syncState().cursor == server.head())
        #expect(try other.folded(FirePoints.self).all == officer.folded(FirePoints.self).all)
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
        let reply = session.handle(.hello(Hello(versions: 6...7, device: UUID(), actor: "officer.zhang")))
        guard case .sendAndClose(.error(let error)) = reply else { Issue.record("expected an error and close, got \(reply)"); return }
        #expect(error.code == .unsupportedVersion)
        #expect(error.message.contains("server speaks 2–5") && error.message.contains("client 6–7"))
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

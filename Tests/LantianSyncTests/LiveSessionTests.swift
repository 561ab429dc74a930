import Foundation
import LantianProtocol
import LantianStore
import Testing
@testable import LantianSync

/// A watching client subscribes once caught up and pulls when told of new events; it learns when
/// a server was restored from an older backup and pulls everything again.
@Suite struct LiveSessionTests {
    @Test func aSubscribedClientIsNotifiedOfAnotherDevicesPushAndPullsIt() throws {
        let server = try EventStore(path: temporaryPath("server"))
        let (supervisor, _) = try clientStore("supervisor.zhao")
        let watcher = ClientSession(store: supervisor, purpose: .watch)
        let watching = try serverSessionOf(server)
        var headMoved = 0
        watching.onHeadMoved = { headMoved += 1 }

        // Caught up with an empty server: the watcher subscribes.
        guard case .send(.pull(let pull)) = try watcher.handle(answer(watching, try watcher.start())) else { Issue.record("no pull"); return }
        guard case .caughtUp(_, .subscribe?) = try watcher.handle(answer(watching, .pull(pull))) else { Issue.record("no subscribe"); return }
        #expect(watching.handle(.subscribe) == .nothing)

        // Another device pushes; the server tells the watcher, which pulls and is caught up again.
        let (officer, officerDevice) = try clientStore("officer.zhang")
        try record(2, in: officer, by: officerDevice)
        let pushing = try serverSessionOf(server)
        _ = try converse(ClientSession(store: officer, purpose: .sync), pushing)
        let notification = try #require(watching.notification(head: try server.head()))
        #expect(notification == .notify(head: 2))
        #expect(watching.notification(head: 2) == nil)  // told once
        guard case .send(.pull(let next)) = try watcher.handle(notification) else { Issue.record("no pull after notify"); return }
        guard case .caughtUp(let report, nil) = try watcher.handle(answer(watching, .pull(next))) else { Issue.record("not caught up"); return }
        #expect(report.pulled == 2)
        #expect(headMoved == 0)
    }

    @Test func aWatcherPushesWhatItsDeviceRecordsOnceIdle() throws {
        let server = try EventStore(path: temporaryPath("server"))
        let (officer, device) = try clientStore("officer.zhang")
        let watcher = ClientSession(store: officer, purpose: .watch)
        let session = try serverSessionOf(server)
        var headMoved = 0
        session.onHeadMoved = { headMoved += 1 }
        guard case .send(.pull(let pull)) = try watcher.handle(answer(session, try watcher.start())) else { Issue.record("no pull"); return }
        _ = try watcher.handle(answer(session, .pull(pull)))

        try record(1, in: officer, by: device)
        guard case .send(.push(let push)) = try watcher.deviceRecorded() else { Issue.record("no push"); return }
        #expect(push.events.count == 1)
        _ = try watcher.handle(answer(session, .push(push)))
        #expect(headMoved == 1)
        #expect(try server.count() == 1)
    }

    @Test func aClientWhoseCursorEventTheServerLacksPullsEverythingAgain() throws {
        let original = try EventStore(path: temporaryPath("server"))
        let backup = try temporaryPath("backup")
        try original.backup(to: backup)
        let (officer, officerDevice) = try clientStore("officer.zhang")
        let (supervisor, _) = try clientStore("supervisor.zhao")
        try record(3, in: officer, by: officerDevice)
        _ = try converse(ClientSession(store: officer, purpose: .sync), serverSessionOf(original))
        _ = try converse(ClientSession(store: supervisor, purpose: .sync), serverSessionOf(original))
        #expect(try supervisor.syncState().cursor == 3)

        // The same database restored to before anything was pushed; another officer pushes first.
        let restored = try EventStore(path: backup)
        #expect(restored.epoch == original.epoch)
        let (other, otherDevice) = try clientStore("officer.li")
        try record(4, in: other, by: otherDevice)
        _ = try converse(ClientSession(store: other, purpose: .sync), serverSessionOf(restored))
        _ = try converse(ClientSession(store: officer, purpose: .sync), serverSessionOf(restored))

        let report = try #require(try converse(ClientSession(store: supervisor, purpose: .sync), serverSessionOf(restored)))
        #expect(report.pulled == 4)  // officer.li's, missed if the old cursor had been believed
        #expect(try supervisor.count() == 7)
        #expect(try restored.count() == 7)
    }

    private func answer(_ session: ServerSession, _ message: Message) throws -> Message {
        guard case .send(let answer) = session.handle(try MessageCodec.decode(MessageCodec.encode(message))) else {
            throw CancellationError()
        }
        return try MessageCodec.decode(MessageCodec.encode(answer))
    }
}

import Foundation
import LantianDomain
import LantianWire
import LantianStore
import LantianTestSupport
import Testing
@testable import LantianSessions

/// A watching client subscribes once caught up and pulls when told of new events; it learns when
/// a server was restored from an older backup and pulls everything again.
@Suite struct LiveSessionTests {
    @Test func aSubscribedClientIsNotifiedOfAnotherDevicesPushAndPullsIt() throws {
        let server = try serverStore()
        let (supervisor, _) = try clientStore("supervisor.zhao", enrolledAt: server)
        let watcher = try clientSession(supervisor, .watch)
        let watching = try serverSessionOf(server)
        var headMoved = 0
        watching.onHeadMoved = { headMoved += 1 }

        // Caught up with an empty server: the watcher subscribes.
        guard case .send(.pull(let pull)) = try watcher.handle(try handshake(watcher, watching)) else { Issue.record("no pull"); return }
        guard case .caughtUp(_, .subscribe?) = try watcher.handle(answer(watching, .pull(pull))) else { Issue.record("no subscribe"); return }
        #expect(watching.handle(.subscribe) == .nothing)

        // Another device pushes; the server tells the watcher, which pulls and is caught up again.
        let (officer, officerDevice) = try clientStore("officer.zhang", enrolledAt: server)
        try record(2, in: officer, by: officerDevice)
        let pushing = try serverSessionOf(server)
        _ = try converse(clientSession(officer, .sync), pushing)
        let notification = try #require(watching.notification(head: try server.head()))
        #expect(notification == .notify(head: try server.head()))
        #expect(watching.notification(head: try server.head()) == nil)  // told once
        guard case .send(.pull(let next)) = try watcher.handle(notification) else { Issue.record("no pull after notify"); return }
        guard case .caughtUp(let report, nil) = try watcher.handle(answer(watching, .pull(next))) else { Issue.record("not caught up"); return }
        #expect(report.pulled == 3)  // the officer's enrolment and two fire points
        #expect(headMoved == 0)
    }

    /// A cell's officer is not woken by every other cell's push: only events its pulls would see
    /// (here another cell's fire points do not, a new grid node does) make the server tell it.
    @Test func aSubscriberIsToldOnlyOfEventsItsScopeSees() throws {
        let server = try serverStore()
        func subscribed(_ user: String) throws -> ServerSession {
            let (store, _) = try clientStore(user, enrolledAt: server)
            let client = try clientSession(store, .watch)
            let session = try serverSessionOf(server)
            guard case .send(.pull(let pull)) = try client.handle(try handshake(client, session)),
                  case .caughtUp(_, .subscribe?) = try client.handle(answer(session, .pull(pull))) else {
                Issue.record("\(user) did not subscribe"); return session
            }
            _ = session.handle(.subscribe)
            return session
        }
        let otherCellsOfficer = try subscribed("officer.sun")
        let countysSupervisor = try subscribed("supervisor.zhao")

        let (officer, officerDevice) = try clientStore("officer.zhang", enrolledAt: server)
        let before = try server.head()
        try record(2, in: officer, by: officerDevice)
        _ = try converse(clientSession(officer, .sync), serverSessionOf(server))
        let fires = try server.reach(after: before, through: try server.head())
        #expect(otherCellsOfficer.notification(head: try server.head(), reach: fires) == nil)
        #expect(countysSupervisor.notification(head: try server.head(), reach: fires) == .notify(head: try server.head()))

        let admin = try ServerIdentity.of(server).acting(as: "admin")
        let afterFires = try server.head()
        let node = GridNodeDefined(code: "371502002002", name: "西关村", level: .cell, parent: TestGrid.otherTownship)
        try server.recordAccepted([try EventDraft(subject: GridNodeDefined.subject(for: node.code), payload: node)], as: admin, now: .now())
        let gridChange = try server.reach(after: afterFires, through: try server.head())
        #expect(gridChange.reachesEveryone)
        #expect(otherCellsOfficer.notification(head: try server.head(), reach: gridChange) == .notify(head: try server.head()))
    }

    @Test func aWatcherPushesWhatItsDeviceRecordsOnceIdle() throws {
        let server = try serverStore()
        let (officer, device) = try clientStore("officer.zhang", enrolledAt: server)
        let watcher = try clientSession(officer, .watch)
        let session = try serverSessionOf(server)
        var headMoved = 0
        session.onHeadMoved = { headMoved += 1 }
        guard case .send(.pull(let pull)) = try watcher.handle(try handshake(watcher, session)) else { Issue.record("no pull"); return }
        _ = try watcher.handle(answer(session, .pull(pull)))

        try record(1, in: officer, by: device)
        guard case .send(.push(let push)) = try watcher.deviceRecorded() else { Issue.record("no push"); return }
        #expect(push.events.count == 1)
        _ = try watcher.handle(answer(session, .push(push)))
        #expect(headMoved == 1)
        #expect(try fieldEventCount(server) == 1)
    }

    @Test func aClientWhoseCursorEventTheServerLacksPullsEverythingAgain() throws {
        let server = try serverStore()
        let (officer, officerDevice) = try clientStore("officer.zhang", enrolledAt: server)
        let (supervisor, _) = try clientStore("supervisor.zhao", enrolledAt: server)
        let (other, otherDevice) = try clientStore("officer.li", enrolledAt: server)
        let backup = try temporaryPath("backup")
        try server.backup(to: backup)
        try KeyFile.copy(fromStore: server.path, toStore: backup)
        try record(3, in: officer, by: officerDevice)
        _ = try converse(clientSession(officer, .sync), serverSessionOf(server))
        _ = try converse(clientSession(supervisor, .sync), serverSessionOf(server))
        #expect(try fieldEventCount(supervisor) == 3)

        // The same database restored to before anything was pushed; another officer pushes first.
        let restored = try EventStore(path: backup)
        #expect(restored.epoch == server.epoch)
        try record(4, in: other, by: otherDevice)
        _ = try converse(clientSession(other, .sync), serverSessionOf(restored))
        _ = try converse(clientSession(officer, .sync), serverSessionOf(restored))

        let report = try #require(try converse(clientSession(supervisor, .sync), serverSessionOf(restored)))
        #expect(report.pulled == 4)  // officer.li's, missed if the old cursor had been believed
        #expect(try fieldEventCount(supervisor) == 7)
        #expect(try fieldEventCount(restored) == 7)
    }

    /// Starts `client` and answers the server's challenge: the server's welcome.
    private func handshake(_ client: ClientSession, _ session: ServerSession) throws -> Message {
        _ = try client.start()
        guard case .send(let hello) = try client.handle(session.greeting()) else { throw CancellationError() }
        return try answer(session, hello)
    }

    private func answer(_ session: ServerSession, _ message: Message) throws -> Message {
        guard case .send(let answer) = session.handle(try MessageCodec.decode(MessageCodec.encode(message))) else {
            throw CancellationError()
        }
        return try MessageCodec.decode(MessageCodec.encode(answer))
    }
}

import Foundation
import LantianDomain
import LantianWire
import LantianStore
import LantianTestSupport
import Testing
@testable import LantianSessions

/// Who gets in, what they may record, and what they receive: enforced by the server on hand-made
/// messages, whatever a client checks itself.
@Suite struct AuthenticationTests {
    @Test func aDeviceThatIsNotEnrolledIsRefusedAndToldNothing() throws {
        let server = try serverStore()
        let session = try serverSessionOf(server)
        guard case .challenge(let challenge) = session.greeting() else { Issue.record("no challenge"); return }
        let key = DeviceKey()
        let device = UUID()
        let proof = try key.sign(SessionProof.hello(nonce: challenge.nonce, channel: Data(), credential: device, device: device))
        guard case .sendAndClose(.error(let error)) = session.handle(.hello(Hello(versions: MessageCodec.versions, device: device,
                                                                                actor: "officer.zhang", proof: proof))) else {
            Issue.record("an unknown device was let in"); return
        }
        #expect(error.code == .unauthenticated)
        #expect(error.message.contains("not enrolled"))
        guard case .sendAndClose(.error) = session.handle(.pull(Pull(after: 0, limit: 10))) else { Issue.record("served after refusal"); return }
    }

    @Test func aDeviceSigningWithAnotherKeyIsRefused() throws {
        let server = try serverStore()
        let (_, device) = try clientStore("officer.zhang", enrolledAt: server)
        let session = try serverSessionOf(server)
        guard case .challenge(let challenge) = session.greeting() else { return }
        let proof = try DeviceKey().sign(SessionProof.hello(nonce: challenge.nonce, channel: Data(), credential: device.id, device: device.id))
        guard case .sendAndClose(.error(let error)) = session.handle(.hello(Hello(versions: MessageCodec.versions, device: device.id,
                                                                                actor: device.actor, proof: proof))) else {
            Issue.record("a wrong key was let in"); return
        }
        #expect(error.code == .unauthenticated && error.message.contains("did not sign with the key it was enrolled with"))
    }

    @Test func aRevokedDeviceIsRefusedAtItsNextConnectionAndItsEventsStay() throws {
        let server = try serverStore()
        let (officer, device) = try clientStore("officer.zhang", enrolledAt: server)
        try record(2, in: officer, by: device)
        _ = try converse(clientSession(officer, .sync), serverSessionOf(server))
        let admin = try ServerIdentity.of(server).acting(as: "admin")
        try server.recordAccepted([try EventDraft(subject: device.id, payload: DeviceRevoked(credential: device.id, reason: "lost"))],
                                  as: admin, now: .now())
        #expect(throws: SyncError.self) { try converse(clientSession(officer, .sync), serverSessionOf(server)) }
        #expect(try fieldEventCount(server) == 2)
    }

    @Test func anEnrolmentCodeWorksOnceAndNotAfterItExpires() throws {
        let server = try serverStore()
        let now = Timestamp.now()
        let code = try server.issueEnrolmentCode(for: "officer.zhang", now: now,
                                                 expiresAt: Timestamp(millisecondsSince1970: now.millisecondsSince1970 + 60_000))
        let identity = try ServerIdentity.of(server)
        let key = DeviceKey()
        let enrolment = Enrolment(code: code.description, device: UUID(), publicKey: key.publicKey, proof: Data())
        #expect(try server.enrol(enrolment, code: code, server: identity, now: now) == "officer.zhang")
        let other = Enrolment(code: code.description, device: UUID(), publicKey: DeviceKey().publicKey, proof: Data())
        #expect(throws: EnrolmentRefusal.used(at: now)) { try server.enrol(other, code: code, server: identity, now: now) }

        let expiring = try server.issueEnrolmentCode(for: "officer.li", now: now, expiresAt: now)
        #expect(throws: EnrolmentRefusal.expired(at: now)) { try server.enrol(other, code: expiring, server: identity, now: now) }
        #expect(throws: EnrolmentRefusal.unknownCode) { try server.enrol(other, code: EnrolmentCode.random(), server: identity, now: now) }
    }
}

@Suite struct AuthorizationTests {
    /// Pushes `drafts` recorded by `user`'s device, as a hand-made client: returns the refusals.
    func push(_ drafts: [EventDraft], as user: String, server: EventStore) throws -> [Refusal] {
        let (store, device) = try clientStore(user, enrolledAt: server)
        let events = try store.record(drafts, device: device, now: .now())
        let (session, key) = try authenticatedSession(store, server: server)
        guard case .send(.pushAck(let ack)) = session.handle(.push(try signedPush(events, key: key))) else {
            Issue.record("the push was not acknowledged"); return []
        }
        return ack.rejected.map { Refusal(wire: $0.reason) }
    }

    func ticket(at node: String) throws -> EventDraft {
        try EventDraft(subject: UUID(), payload: TicketReported(category: .strawBurning, node: node, title: "火点"))
    }

    @Test func aGridOfficerMayReportInTheirCellButNotInAnother() throws {
        let server = try serverStore()
        #expect(try push([ticket(at: TestGrid.cell)], as: "officer.zhang", server: server).isEmpty)
        let outside = try push([ticket(at: TestGrid.otherCell)], as: "officer.zhang", server: server)
        #expect(outside == [.outsideScope(node: TestGrid.otherCell, user: "officer.zhang", scope: TestGrid.cell)])
    }

    @Test func eachRoleIsRefusedWhatItMayNotRecord() throws {
        let server = try serverStore()
        let step = EventDraft(subject: UUID(), type: TicketStep.Kind.verified.eventType, schema: 1,
                                  payload: try PayloadCodec.encode(TicketStep(note: "")))
        // Township staff may not verify; nor report an issue by judgement; an administrator records nothing in the field.
        #expect(try push([step], as: "staff.wang", server: server) == [.roleMayNot(role: .townshipStaff, type: TicketStep.Kind.verified.eventType)])
        #expect(try push([ticket(at: TestGrid.township)], as: "staff.wang", server: server) == [.roleMayNot(role: .townshipStaff, type: TicketReported.eventType)])
        #expect(try push([ticket(at: TestGrid.cell)], as: "admin.chen", server: server) == [.roleTakesNoPart(role: .admin)])
        // Nobody pushes what only the server records.
        let user = try EventDraft(subject: UserRegistered.subject(for: "intruder"),
                                  payload: UserRegistered(name: "intruder", role: .supervisor, scope: "371500"))
        #expect(try push([user], as: "supervisor.zhao", server: server) == [.serverOnly(type: UserRegistered.eventType)])
        #expect(try server.folded(Directory.self).users["intruder"] == nil)
    }

    @Test func anEventRecordedAsSomeoneElseIsRefused() throws {
        let server = try serverStore()
        let (store, device) = try clientStore("officer.zhang", enrolledAt: server)
        var impostor = device
        impostor.actor = "supervisor.zhao"
        let events = try store.record([try ticket(at: TestGrid.cell)], device: impostor, now: .now())
        let (session, key) = try authenticatedSession(store, server: server)
        guard case .send(.pushAck(let ack)) = session.handle(.push(try signedPush(events, key: key))) else { Issue.record("no ack"); return }
        #expect(ack.rejected.map { Refusal(wire: $0.reason) } == [.recordedAsOther(actor: "supervisor.zhao", user: "officer.zhang")])
    }
}

@Suite struct ScopeTests {
    @Test func eachRolePullsOnlyWhatItsScopeCovers() throws {
        let server = try serverStore()
        let (zhang, zhangDevice) = try clientStore("officer.zhang", enrolledAt: server)
        let (sun, sunDevice) = try clientStore("officer.sun", enrolledAt: server)
        _ = try zhang.record([try EventDraft(subject: UUID(), payload: TicketReported(category: .dust, node: TestGrid.cell, title: "北关"))],
                             device: zhangDevice, now: .now())
        _ = try sun.record([try EventDraft(subject: UUID(), payload: TicketReported(category: .dust, node: TestGrid.otherCell, title: "南关"))],
                           device: sunDevice, now: .now())
        for store in [zhang, sun] { _ = try converse(clientSession(store, .sync), serverSessionOf(server)) }

        func titles(_ user: String) throws -> Set<String> {
            let (store, _) = try clientStore(user, enrolledAt: server)
            return Set(try store.folded(Tickets.self).all.map(\.report.title))
        }
        #expect(try titles("officer.li") == ["北关"])        // the same cell
        #expect(try titles("staff.wang") == ["北关"])        // its township
        #expect(try titles("staff.liu") == ["南关"])         // the other township
        #expect(try titles("supervisor.zhao") == ["北关", "南关"])  // the county
    }
}

@Suite struct IntegrityTests {
    @Test func aPushWhoseChainOrSignatureDoesNotCheckOutIsRefusedWhole() throws {
        let server = try serverStore()
        let (officer, device) = try clientStore("officer.zhang", enrolledAt: server)
        try record(3, in: officer, by: device)
        let events = try officer.events(of: device.id, after: 0, limit: 3)
        let (session, key) = try authenticatedSession(officer, server: server)

        var altered = events
        altered[1].payload = try PayloadCodec.encode(try FirePointReport(location: try GeoPoint(latitude: 36.4, longitude: 115.9),
                                                                         node: TestGrid.cell, observedAt: .now(), note: "改过"))
        guard case .send(.error(let broken)) = session.handle(.push(try signedPush(altered, key: key))) else { Issue.record("accepted"); return }
        #expect(broken.code == .badSignature && broken.message.contains("does not carry the hash"))

        guard case .send(.error(let forged)) = session.handle(.push(try signedPush(events, key: DeviceKey()))) else { Issue.record("accepted"); return }
        #expect(forged.code == .badSignature && forged.message.contains("does not verify"))
        #expect(try fieldEventCount(server) == 0)
    }

    @Test func aClientRefusesAPageWhoseEventWasAlteredAndStoresNothing() throws {
        let server = try serverStore()
        let (officer, device) = try clientStore("officer.zhang", enrolledAt: server)
        let (supervisor, _) = try clientStore("supervisor.zhao", enrolledAt: server)
        try record(2, in: officer, by: device)
        _ = try converse(clientSession(officer, .sync), serverSessionOf(server))
        let before = try supervisor.count()

        let client = try clientSession(supervisor, .sync)
        let session = try serverSessionOf(server)
        _ = try client.start()
        guard case .send(let hello) = try client.handle(session.greeting()),
              case .send(let welcome) = session.handle(hello),
              case .send(.pull(let pull)) = try client.handle(welcome),
              case .send(.page(var page)) = session.handle(.pull(pull)) else { Issue.record("no page"); return }
        let index = try #require(page.events.firstIndex { $0.event.device == device.id })
        page.events[index].event.payload = Data(page.events[index].event.payload.reversed())
        #expect(throws: SyncError.self) { try client.handle(.page(page)) }
        #expect(try supervisor.count() == before)
    }

    @Test func aServerStoreOfSignedPushesVerifiesIntact() throws {
        let server = try serverStore()
        let (officer, device) = try clientStore("officer.zhang", enrolledAt: server)
        try record(3, in: officer, by: device)
        _ = try converse(clientSession(officer, .sync), serverSessionOf(server))
        let keys = try server.folded(DeviceKeys.self).publicKeys
        #expect(try server.audit(keys: keys, serverKey: nil, complete: { _ in true }, ownDevice: nil).problems.isEmpty)
    }
}

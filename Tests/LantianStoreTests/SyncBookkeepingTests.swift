import Foundation
import LantianDomain
import LantianWire
import Testing
@testable import LantianStore

/// The server side: accepting pushed batches exactly once, and paging by global sequence.
@Suite struct AcceptingTests {
    static let cell = "371502001001"
    /// The officer's cell in its township, county and city.
    static let grid = Grid.fold(["371500", "371502", "371502001", cell].enumerated().map { index, code in
        Event(id: UUID(), device: UUID(), cseq: Int64(index + 1), actor: "admin", hlc: clock(Int64(index)), recordedAt: time(0),
              subject: GridNodeDefined.subject(for: code), type: GridNodeDefined.eventType, schema: 1,
              payload: try! PayloadCodec.encode(GridNodeDefined(code: code, name: code, level: GridLevel.allCases[index],
                                                                parent: [nil, "371500", "371502", "371502001"][index])))
    })
    let device = UUID()
    let key = DeviceKey()

    /// Events `range` of `device`, each carrying the hash of the one before (the first after `previous`).
    func events(_ range: ClosedRange<Int64>, device: UUID? = nil, after previous: Data = EventChain.genesis) throws -> [Event] {
        chained(try range.map { cseq in
            Event(id: UUID(), device: device ?? self.device, cseq: cseq, actor: "officer.zhang",
                  hlc: clock(cseq), recordedAt: time(cseq), subject: UUID(),
                  type: FirePointReport.eventType, schema: 1, payload: try fireDraft("#\(cseq)").payload)
        }, after: previous)
    }

    /// `events` linked again from `previous`, after one was changed.
    func chained(_ events: [Event], after previous: Data = EventChain.genesis) -> [Event] {
        var running = previous
        return events.map { event in
            var event = event
            event.previous = running
            running = EventChain.hash(of: event)
            return event
        }
    }

    /// Accepts `events` as the officer's device pushes them: signed with its key over the last.
    @discardableResult
    func accept(_ events: [Event], into server: EventStore, from pusher: UUID? = nil, at received: Timestamp) throws -> PushOutcome {
        let last = try #require(events.last)
        let signature = try ChainSignature(signing: EventChain.hash(of: last), device: last.device, cseq: last.cseq, with: key)
        let check = PushCheck(publicKey: key.publicKey, user: UserRegistered(name: "officer.zhang", role: .gridOfficer, scope: Self.cell),
                              grid: Self.grid)
        return try server.accept(Push(events: events, signature: signature.signature), from: pusher ?? device, checking: check, receivedAt: received)
    }

    @Test func aBatchIsStoredWithConsecutiveGlobalSequenceNumbers() throws {
        let (server, _) = try temporaryStore("server")
        let batch = try events(1...3)
        #expect(try accept(batch, into: server, from: device, at: time(9)).acknowledgedCseq == 3)
        let page = try server.page(after: 0, limit: 10, maxBytes: 1 << 20)
        #expect(page.events.map(\.sseq) == [1, 2, 3])
        #expect(page.events.map(\.event) == batch)
        #expect(page.head == 3)
    }

    @Test func sendingTheSameBatchAgainStoresNothingTwice() throws {
        let (server, _) = try temporaryStore("server")
        let batch = try events(1...3)
        _ = try accept(batch, into: server, from: device, at: time(9))
        #expect(try accept(batch, into: server, from: device, at: time(10)).acknowledgedCseq == 3)
        #expect(try server.count() == 3)
    }

    @Test func aBatchOverlappingWhatIsStoredStoresOnlyTheNewEvents() throws {
        let (server, _) = try temporaryStore("server")
        let all = try events(1...5)
        _ = try accept(Array(all[0..<3]), into: server, from: device, at: time(9))
        #expect(try accept(Array(all[1..<5]), into: server, from: device, at: time(10)).acknowledgedCseq == 5)
        #expect(try server.count() == 5)
    }

    @Test func anInvalidEventIsQuarantinedAndTheRestOfTheBatchIsStored() throws {
        let (server, _) = try temporaryStore("server")
        var batch = try events(1...4)
        batch[1].payload = Data(#"{"location":{"lat":95,"lon":115},"node":"371502001001","note":"","observedAt":0}"#.utf8)
        batch = chained(batch)
        let outcome = try accept(batch, into: server, from: device, at: time(9))
        #expect(outcome.acknowledgedCseq == 4)
        #expect(outcome.rejected.map(\.cseq) == [2] && outcome.rejected[0].reason.contains("latitude"))
        #expect(try server.count() == 3)
        #expect(try server.page(after: 0, limit: 10, maxBytes: 1 << 20).events.map(\.event.cseq) == [1, 3, 4])
        #expect(try server.quarantined().map(\.id) == [batch[1].id])

        let again = try accept(batch, into: server, from: device, at: time(10))  // a resend changes nothing
        #expect(again == outcome)
        #expect(try server.count() == 3 && server.quarantined().count == 1)
        #expect(try accept(try events(5...5, after: EventChain.hash(of: batch[3])), into: server, from: device, at: time(11)).acknowledgedCseq == 5)  // the queue moved on
    }

    @Test func aBatchWithAGapIsRefusedWholeNamingTheExpectedNumber() throws {
        let (server, _) = try temporaryStore("server")
        let all = try events(1...4)
        #expect(throws: PushRefusal.gap(expected: 3, received: 4)) {
            try accept([all[0], all[1], all[3]], into: server, at: time(9))
        }
        #expect(try server.count() == 0)
    }

    @Test func theSameSequenceNumberWithDifferentContentIsAConflict() throws {
        let (server, _) = try temporaryStore("server")
        let original = try events(1...1)
        _ = try accept(original, into: server, from: device, at: time(9))
        var altered = original[0]
        altered.payload = try fireDraft("改过的内容").payload
        #expect(throws: PushRefusal.conflict(id: altered.id, cseq: 1)) {
            try accept([altered], into: server, from: device, at: time(10))
        }
        #expect(try server.event(id: original[0].id) == original[0])
    }

    /// A hostile device reusing another event's id gets that event quarantined; it blocks nothing.
    @Test func anIdAlreadyUsedByAnotherEventIsQuarantined() throws {
        let (server, _) = try temporaryStore("server")
        let other = UUID()
        let theirs = try events(1...1, device: other)
        _ = try accept(theirs, into: server, from: other, at: time(9))
        var mine = try events(1...2)
        mine[0].id = theirs[0].id
        let outcome = try accept(chained(mine), into: server, from: device, at: time(9))
        #expect(outcome.acknowledgedCseq == 2)
        #expect(outcome.rejected.map { Refusal(wire: $0.reason) } == [.idTaken(id: theirs[0].id)])
        #expect(try server.event(id: theirs[0].id) == theirs[0])
    }

    @Test func aDeviceCannotPushAnotherDevicesEvents() throws {
        let (server, _) = try temporaryStore("server")
        let foreign = try events(1...1, device: UUID())
        #expect(throws: PushRefusal.foreignDevice(id: foreign[0].id, device: foreign[0].device)) {
            try accept(foreign, into: server, from: device, at: time(9))
        }
    }

    @Test func pagesStopAtTheCountAndTheByteBudgetButNeverReturnNothing() throws {
        let (server, _) = try temporaryStore("server")
        _ = try accept(try events(1...10), into: server, from: device, at: time(9))
        #expect(try server.page(after: 0, limit: 4, maxBytes: 1 << 20).events.map(\.sseq) == [1, 2, 3, 4])
        #expect(try server.page(after: 4, limit: 100, maxBytes: 1 << 20).events.map(\.sseq) == [5, 6, 7, 8, 9, 10])
        #expect(try server.page(after: 0, limit: 100, maxBytes: 1).events.map(\.sseq) == [1])
        #expect(try server.page(after: 10, limit: 100, maxBytes: 1 << 20).events.isEmpty)
    }
}

/// The client side: acknowledgements, the pull cursor, and a server that changed.
@Suite struct ClientBookkeepingTests {
    @Test func pendingCountsOwnEventsTheServerHasNotAcknowledged() throws {
        let (store, _) = try temporaryStore()
        let device = try store.setUpLocalDevice(actor: "officer.zhang", server: nil)
        for _ in 0..<3 { _ = try store.record(try fireDraft(), device: device, now: time(1_000)) }
        #expect(try store.pendingCount(device: device.id) == 3)
        try store.noteAcknowledged(through: 2)
        #expect(try store.pendingCount(device: device.id) == 1)
        try store.noteAcknowledged(through: 1)  // a late, older acknowledgement changes nothing
        #expect(try store.pendingCount(device: device.id) == 1)
    }

    @Test func aPulledPageAndTheCursorAreStoredTogetherAndOnlyOnce() throws {
        let (server, _) = try temporaryStore("server")
        let (client, _) = try temporaryStore("client")
        let officer = AcceptingTests()
        let pushed = try officer.events(1...3)
        try officer.accept(pushed, into: server, at: time(9))
        let page = try server.page(after: 0, limit: 10, maxBytes: 1 << 20)

        #expect(try client.storePulled(page).stored == 3)
        #expect(try client.syncState().cursor == 3)
        #expect(try client.storePulled(page).stored == 0)
        #expect(try client.count() == 3)
    }

    @Test func aServerWithANewEpochIsPulledFromTheStartAndItsAcknowledgementBelieved() throws {
        let (client, _) = try temporaryStore("client")
        let first = UUID()
        try client.noteServer(welcome(first, acknowledged: 0))
        let foreign = try #require(try RecordingTests.foreignEvent())
        try client.storePulled(Page(events: [AcceptedEvent(event: foreign, sseq: 7, receivedAt: time(100_000))], head: 7))
        try client.noteAcknowledged(through: 5)
        #expect(try client.syncState().cursor == 7)
        #expect(try client.syncState().cursorEvent == foreign.id)

        try client.noteServer(welcome(first, acknowledged: 5))
        #expect(try client.syncState().cursor == 7)

        let restored = UUID()
        try client.noteServer(welcome(restored, acknowledged: 2))
        #expect(try client.syncState() == SyncState(serverEpoch: restored, cursor: 0, cursorEvent: nil, acknowledgedCseq: 2, lastSyncAt: nil))
    }

    @Test func aServerThatNoLongerHoldsTheCursorEventIsPulledFromTheStart() throws {
        let (client, _) = try temporaryStore("client")
        let epoch = UUID()
        try client.noteServer(welcome(epoch, acknowledged: 0))
        try client.storePulled(Page(events: [AcceptedEvent(event: try #require(try RecordingTests.foreignEvent()), sseq: 7, receivedAt: time(100_000))], head: 7))

        try client.noteServer(welcome(epoch, acknowledged: 0, cursorKnown: false))
        #expect(try client.syncState().cursor == 0)
        #expect(try client.syncState().cursorEvent == nil)
    }

    @Test func aServerKnowsWhetherItHoldsACursorEvent() throws {
        let (server, _) = try temporaryStore("server")
        let accepted = try server.recordAccepted([try fireDraft()], as: try ServerIdentity.of(server), now: time(1))[0]
        let sseq = try server.head()  // after the server's own enrolment
        #expect(try server.holds(accepted.id, at: sseq))
        #expect(try !server.holds(UUID(), at: sseq))
        #expect(try !server.holds(accepted.id, at: sseq - 1))
        #expect(try server.holds(nil, at: 0))
    }

    private func welcome(_ epoch: UUID, acknowledged: Int64, cursorKnown: Bool = true) -> Welcome {
        Welcome(version: 1, epoch: epoch, limits: .standard, acknowledgedCseq: acknowledged, head: 0, cursorKnown: cursorKnown)
    }
}

extension ClientBookkeepingTests {
    /// A device whose chain forked (put back to an older copy while its server was restored) has two
    /// events at one place: a replica keeps the one it received first and sets the other aside,
    /// instead of failing every sync on the clash.
    @Test func aPulledEventAtAPlaceHeldByAnotherIsSetAsideNotAClash() throws {
        let (client, _) = try temporaryStore("client")
        let first = try #require(try RecordingTests.foreignEvent())
        var other = first
        other.id = UUID()
        other.payload = try fireDraft("另一个版本").payload
        try client.storePulled(Page(events: [AcceptedEvent(event: first, sseq: 1, receivedAt: time(100_000))], head: 1))
        let outcome = try client.storePulled(Page(events: [AcceptedEvent(event: other, sseq: 2, receivedAt: time(100_000))], head: 2))
        #expect(outcome == PulledPage(stored: 0, refused: 1))
        #expect(try client.event(id: first.id) == first)
        #expect(try client.quarantined().map { Refusal(wire: $0.reason) } == [.forked(device: first.device, cseq: first.cseq, held: first.id)])
        #expect(try client.syncState().cursor == 2)
    }
}

import Foundation
import LantianDomain
import LantianStore
import LantianTestSupport
import Testing


/// Whatever one enrolled device sends, every replica stays up and agrees: events made by hand, the
/// way a stolen or badly built phone could make them (valid chains, real signatures, any values),
/// pushed through a real server session. Each test is one finding of the hostile-client review.
@Suite struct HostileEventTests {
    static func fire(node: String? = TestGrid.cell, at location: GeoPoint = TestGrid.inCell, seen: Timestamp = .now()) throws -> FirePointReport {
        try FirePointReport(location: location, node: node, observedAt: seen, note: "麦茬地冒烟")
    }

    /// Finding 1: a valid fire point whose clock reads the end of time was accepted, and the server
    /// then trapped on its next own event, for good.
    @Test(arguments: [Int64.max, 0x7FFF_FFFF_FFFF_FFFE])
    func aClockAtTheEndOfTimeIsRefusedAndTheServerGoesOnRecording(packed: Int64) throws {
        let server = try serverStore()
        var officer = try HandMadeDevice("officer.zhang", at: server)
        let poison = try officer.make(FirePointReport.eventType, payload: Self.fire(), hlc: HybridTimestamp(wallMilliseconds: packed >> 16, counter: UInt16(truncatingIfNeeded: packed)))
        let fine = try officer.make(FirePointReport.eventType, payload: Self.fire())
        let refusals = try officer.push([poison, fine], to: server)
        guard case .implausibleClock(field: "hlc", _, _)? = refusals.first ?? nil else { Issue.record("accepted: \(refusals)"); return }
        #expect(refusals.last == .some(nil))

        // The server records its own events as before: another device enrols and syncs, a report is kept.
        let (li, _) = try clientStore("officer.li", enrolledAt: server)
        #expect(try li.folded(FirePoints.self).all.count == 1)
        _ = try server.recordAccepted([try EventDraft(subject: UUID(), payload: DeviceSyncReported(
            device: officer.device.id, actor: "officer.zhang", recordedCseq: 2, acknowledgedCseq: 2, synced: true))],
                                      as: try ServerIdentity.of(server), now: .now())
        #expect(try server.allEvents().allSatisfy { $0.hlc.wallMilliseconds < HybridTimestamp.maxWallMilliseconds })
    }

    /// A clock a day ahead is a wrong phone, not a hostile one: it still syncs.
    @Test func aClockADayAheadIsAcceptedAndTwoDaysAheadIsNot() throws {
        let server = try serverStore()
        var officer = try HandMadeDevice("officer.zhang", at: server)
        let day = Timestamp.now().adding(milliseconds: 24 * 3_600_000)
        let twoDays = Timestamp.now().adding(milliseconds: 49 * 3_600_000)
        let refusals = try officer.push([
            try officer.make(FirePointReport.eventType, payload: Self.fire(seen: day), hlc: HybridTimestamp(wallMilliseconds: day.millisecondsSince1970, counter: 0), recordedAt: day),
            try officer.make(FirePointReport.eventType, payload: Self.fire(seen: twoDays), hlc: HybridTimestamp(wallMilliseconds: twoDays.millisecondsSince1970, counter: 0), recordedAt: twoDays),
        ], to: server)
        #expect(refusals.first == .some(nil))
        guard case .implausibleClock?? = refusals.last else { Issue.record("two days ahead was accepted"); return }
    }

    /// Finding 2: a fire seen in the year 33658 was accepted and crashed every device's review; one
    /// seen in 2100 was accepted though the real client refuses it.
    @Test(arguments: [1_000_000_000_000_000, 4_102_444_800_000, -1, Int64.min])
    func anImpossibleTimeInAPayloadIsRefused(observedAt: Int64) throws {
        let server = try serverStore()
        var officer = try HandMadeDevice("officer.zhang", at: server)
        let report = try Self.fire(seen: Timestamp(millisecondsSince1970: observedAt))
        let refusals = try officer.push([try officer.make(FirePointReport.eventType, payload: report)], to: server)
        guard case .breaksRule(_, let error)?? = refusals.first, error.field == "observedAt" else { Issue.record("accepted: \(refusals)"); return }
        #expect(error.rule == (observedAt > 0 ? .inTheFuture : .tooLongAgo))
        #expect(try fieldEventCount(server) == 0)
    }

    /// Finding 3: the server trusted the node a device stated: a fire in 阳谷县 stated (or not) to
    /// lie in the officer's own cell in 东昌府区 was placed there, and 阳谷县 never saw it.
    @Test func theServerPlacesARecordWhereItsLocationLiesNotWhereItSays() throws {
        let server = try serverStore()
        var officer = try HandMadeDevice("officer.zhang", at: server)
        let statedOwnCell = try officer.make(FirePointReport.eventType, payload: Self.fire(node: TestGrid.cell, at: TestGrid.inOtherCounty))
        let statedNothing = try officer.make(FirePointReport.eventType, payload: Self.fire(node: nil, at: TestGrid.inOtherCounty))
        let placedByLocation = try officer.make(FirePointReport.eventType, payload: Self.fire(node: nil, at: TestGrid.inCell))
        let refusals = try officer.push([statedOwnCell, statedNothing, placedByLocation], to: server)
        #expect(refusals == [
            .nodeDisagreesWithLocation(stated: TestGrid.cell, located: TestGrid.otherCounty),
            .outsideScope(node: TestGrid.otherCounty, user: "officer.zhang", scope: TestGrid.cell),
            nil,
        ])
        // Placed by its location (in the officer's own cell): the township sees it, the other township does not.
        #expect(try clientStore("staff.wang", enrolledAt: server).0.folded(FirePoints.self)[placedByLocation.subject] != nil)
        #expect(try clientStore("staff.liu", enrolledAt: server).0.folded(FirePoints.self)[placedByLocation.subject] == nil)
        #expect(try clientStore("supervisor.yang", enrolledAt: server).0.folded(FirePoints.self).all.isEmpty)
    }

    /// Finding 4: a report naming another cell's fire point as its subject was accepted, and the
    /// same id then showed different content on different devices.
    @Test func aSubjectBelongsToItsFirstRecordOnEveryReplica() throws {
        let server = try serverStore()
        var zhang = try HandMadeDevice("officer.zhang", at: server)
        let original = try zhang.make(FirePointReport.eventType, payload: Self.fire())
        #expect(try zhang.push([original], to: server) == [nil])

        var sun = try HandMadeDevice("officer.sun", at: server)
        let southernCell = try GeoPoint(latitude: 36.45, longitude: 116.0)
        let intruding = try [
            sun.make(FirePointReport.eventType, about: original.subject, payload: Self.fire(node: TestGrid.otherCell, at: southernCell)),
            sun.make(TicketReported.eventType, about: original.subject,
                     payload: TicketReported(category: .strawBurning, node: TestGrid.otherCell, title: "冒名")),
            sun.make(FireResponseRecorded.eventType, about: original.subject, payload: FireResponseRecorded(extinguishedAt: .now(), by: "冒名")),
        ]
        #expect(try sun.push(intruding, to: server) == [
            .subjectTaken(subject: original.subject, by: FirePointReport.eventType),
            .subjectTaken(subject: original.subject, by: FirePointReport.eventType),
            .outsideScope(node: TestGrid.cell, user: "officer.sun", scope: TestGrid.otherCell),
        ])
        var wang = try HandMadeDevice("staff.wang", at: server)
        let wrongKind = try wang.make(TicketStep.Kind.assigned.eventType, about: original.subject,
                                      payload: TicketStep(assignee: "staff.wang", deadline: .now()))
        #expect(try wang.push([wrongKind], to: server) == [
            .subjectOfOtherKind(subject: original.subject, kind: FirePointReport.eventType, expected: [TicketReported.eventType]),
        ])

        let expected = try PayloadCodec.decode(FirePointReport.self, from: original)
        for user in ["officer.li", "staff.wang", "supervisor.zhao"] {
            let point = try clientStore(user, enrolledAt: server).0.folded(FirePoints.self)[original.subject]
            #expect(point?.report == expected && point?.response == nil, "\(user) sees another content")
        }
        #expect(try clientStore("staff.liu", enrolledAt: server).0.folded(FirePoints.self).all.isEmpty)
    }

    /// Finding 5 (the session rules) is `aPingBeforeHelloIsAnUnexpectedMessageAndEndsTheConnection`
    /// in SessionTests, and LivenessTests for a real server. An id reused from another device's
    /// event is `anIdAlreadyUsedByAnotherEventIsQuarantined` in SyncBookkeepingTests.
    @Test func aPayloadThatIsNotCanonicalIsRefused() throws {
        let server = try serverStore()
        var officer = try HandMadeDevice("officer.zhang", at: server)
        var event = try officer.make(FirePointReport.eventType, payload: Self.fire())
        let canonical = String(decoding: event.payload, as: UTF8.self)
        event.payload = Data(canonical.replacingOccurrences(of: #""note":"#, with: #""note":"重复的键","note":"#).utf8)
        let refusals = try officer.push([event], to: server)
        #expect(refusals == [.notCanonical(type: FirePointReport.eventType)])
    }
}

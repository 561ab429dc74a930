import Foundation
import LantianDomain
import LantianWire
import LantianTestSupport
import Testing
@testable import LantianStore

/// Replicas that receive the same events in different orders show the same tickets: the store's
/// canonical order is the one the projection folds in.
@Suite struct ConvergenceTests {
    @Test(arguments: 0..<12)
    func replicasFedTheSameEventsInAnyOrderShowTheSameTickets(seed: Int) throws {
        let users: [(String, Role)] = [("officer.zhang", .gridOfficer), ("staff.wang", .townshipStaff),
                                       ("supervisor.zhao", .supervisor), ("supervisor.sun", .supervisor)]
        var events: [Event] = []
        var clock: Int64 = 1_000
        func add(_ actor: String, _ subject: UUID, _ type: EventType, _ payload: some Encodable, cseq: Int64) {
            clock += 1
            events.append(Event(id: UUID(), device: .version5(name: actor), cseq: cseq, actor: actor,
                                hlc: LantianStoreTests.clock(clock % 7 == 0 ? clock - 1 : clock),
                                recordedAt: time(clock), subject: subject, type: type, schema: 1, payload: try! PayloadCodec.encode(payload)))
        }
        for (index, (name, role)) in users.enumerated() {
            add("admin", UserRegistered.subject(for: name), UserRegistered.eventType, UserRegistered(name: name, role: role, scope: "1"), cseq: Int64(index + 1))
        }
        var officerSequence: Int64 = 0, staffSequence: Int64 = 0
        for number in 0..<5 {
            let ticket = UUID()
            officerSequence += 1
            add("officer.zhang", ticket, TicketReported.eventType, TicketReported(category: .dust, node: "1", title: "#\(number)"), cseq: officerSequence)
            for kind in [TicketStep.Kind.assigned, .rectificationStarted, .rectificationReported] {
                staffSequence += 1
                add("staff.wang", ticket, kind.eventType, TicketStep(assignee: "staff.wang", deadline: time(99_999)), cseq: staffSequence)
            }
            // Two supervisors judge the same report at the same moment, offline.
            add("supervisor.zhao", ticket, TicketStep.Kind.verified.eventType, TicketStep(), cseq: Int64(number + 1))
            clock -= 1
            add("supervisor.sun", ticket, TicketStep.Kind.verificationFailed.eventType, TicketStep(), cseq: Int64(number + 1))
        }

        var random = SeededRandom(seed: UInt64(seed))
        var views: [[Ticket]] = []
        for _ in 0..<3 {
            let (replica, _) = try temporaryStore("replica")
            for (index, event) in events.shuffled(using: &random).enumerated() {
                try replica.storePulled(Page(events: [AcceptedEvent(event: event, sseq: Int64(index + 1), receivedAt: time(100_000))], head: 0))
            }
            views.append(try replica.folded(Tickets.self).all)
        }
        #expect(views[0] == views[1] && views[1] == views[2])
        #expect(views[0] == Tickets.fold(events).all)
        #expect(views[0].allSatisfy { $0.conflicts.count == 1 })
    }
}

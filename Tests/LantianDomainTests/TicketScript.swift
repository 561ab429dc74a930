import Foundation
@testable import LantianDomain

/// Builds the events of a workflow story, each on its user's own device with a rising clock.
struct TicketScript {
    static let users: [String: Role] = [
        "officer.zhang": .gridOfficer, "officer.li": .gridOfficer, "staff.wang": .townshipStaff,
        "supervisor.zhao": .supervisor, "supervisor.sun": .supervisor, "admin": .admin,
    ]

    private(set) var events: [Event] = []
    private var sequence: [String: Int64] = [:]
    var clock: Int64 = 1_780_000_000_000
    let ticket = UUID.version5(name: "ticket:test")

    init() {
        for (name, role) in Self.users.sorted(by: { $0.key < $1.key }) {
            append("admin", UserRegistered.subject(for: name), UserRegistered.eventType, UserRegistered(name: name, role: role, scope: "371502"))
        }
    }

    static func device(of user: String) -> UUID { .version5(name: "device:\(user)") }

    mutating func report(by user: String = "officer.zhang") {
        append(user, ticket, TicketReported.eventType,
               TicketReported(category: .dust, node: "371502001", title: "工地未覆盖", note: "裸土约 2000 平方米"))
    }

    mutating func step(_ kind: TicketStep.Kind, by user: String, _ step: TicketStep = TicketStep(note: "")) {
        append(user, ticket, kind.eventType, step)
    }

    /// Moves the shared clock without recording anything (time passing).
    mutating func wait(hours: Int64) { clock += hours * 3_600_000 }

    /// An event made at `at` by `user`, without appending it (for concurrent, offline steps).
    mutating func concurrent(_ kind: TicketStep.Kind, by user: String, at: Int64, _ step: TicketStep = TicketStep()) -> Event {
        let cseq = (sequence[user] ?? 0) + 1
        sequence[user] = cseq
        return Event(id: .version5(name: "event:\(user):\(cseq)"), device: Self.device(of: user), cseq: cseq, actor: user,
                     hlc: HybridTimestamp(wallMilliseconds: at, counter: 0), recordedAt: Timestamp(millisecondsSince1970: at),
                     subject: ticket, type: kind.eventType, schema: 1, payload: try! PayloadCodec.encode(step))
    }

    mutating func add(_ event: Event) { events.append(event) }

    private mutating func append(_ user: String, _ subject: UUID, _ type: EventType, _ payload: some Encodable) {
        clock += 60_000
        let cseq = (sequence[user] ?? 0) + 1
        sequence[user] = cseq
        events.append(Event(id: .version5(name: "event:\(user):\(cseq)"), device: Self.device(of: user), cseq: cseq, actor: user,
                            hlc: HybridTimestamp(wallMilliseconds: clock, counter: 0), recordedAt: Timestamp(millisecondsSince1970: clock),
                            subject: subject, type: type, schema: 1, payload: try! PayloadCodec.encode(payload)))
    }

    var now: Timestamp { Timestamp(millisecondsSince1970: clock) }
    var result: Ticket? { Tickets.fold(events)[ticket] }
}

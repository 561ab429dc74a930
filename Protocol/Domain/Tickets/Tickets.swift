import Foundation

/// Every ticket, computed from the reports and steps in canonical order, with the users' roles as
/// they stood at each step. Each step's time is when its device recorded it, by that device's clock:
/// a device with a wrong clock misdates its own steps but cannot reorder or misdate anyone else's.
///
/// A step that breaks the workflow where it falls in the canonical order (two supervisors acting
/// on the same report while offline, say) is kept in the ticket's ``Ticket/conflicts`` — never
/// dropped, never applied.
public struct Tickets: Projection {
    public static let eventTypes: Set<EventType> = subjectTypes.union([UserRegistered.eventType])
    /// The types of an issue's own events (its subject's): the report and the steps. An issue is
    /// folded exactly from these and the registrations of the users who recorded them.
    public static let subjectTypes: Set<EventType> = Set(TicketStep.Kind.allCases.map(\.eventType)).union([TicketReported.eventType])

    public private(set) var byID: [UUID: Ticket] = [:]
    /// Steps about tickets nobody reported (yet, on this replica), and unreadable events.
    public private(set) var orphans: [UUID] = []
    private var directory = Directory()
    /// The users' roles over time, when given instead of their registrations (a fold of some issues only).
    private var roles: RoleHistory?

    public init() {}

    /// Folds issues' own events with the roles given, ignoring registrations among the events.
    public init(roles: RoleHistory) { self.roles = roles }

    /// Goes on folding `tickets`, as folded from earlier events, with the roles given.
    init(roles: RoleHistory, continuing tickets: [Ticket]) {
        self.roles = roles
        for ticket in tickets { byID[ticket.id] = ticket }
    }

    /// The issues `events` (reports and steps) make, with the users' roles from `roles`: equal to
    /// the full fold's issues when `roles` holds the registrations of everyone who recorded them.
    public static func fold(_ events: some Sequence<Event>, roles: RoleHistory) -> Tickets {
        var state = Tickets(roles: roles)
        for event in Event.inCanonicalOrder(events) { state.apply(event) }
        return state
    }

    /// The role `actor` had when `event` was recorded, in canonical order.
    private func role(of actor: String, at event: Event) -> Role? {
        roles.map { $0.role(of: actor, before: event.position) } ?? directory.role(of: actor)
    }

    public mutating func apply(_ event: Event) {
        let time = event.recordedAt
        if event.type == UserRegistered.eventType {
            if roles == nil { directory.apply(event) }
            return
        }
        if event.type == TicketReported.eventType {
            guard let report = try? PayloadCodec.decode(TicketReported.self, from: event) else { return orphans.append(event.id) }
            if var existing = byID[event.subject] {
                existing.conflicts.append(Ticket.Conflict(event: event.id, actor: event.actor, attempted: "reported", reason: .alreadyReported))
                byID[event.subject] = existing
                return
            }
            var ticket = Ticket(id: event.subject, report: report, reportedBy: event.actor, reportedAt: time, state: .reported,
                                evidence: report.evidence)
            ticket.deadline = report.deadline
            let role = role(of: event.actor, at: event)
            if !TicketWorkflow.mayReport(report, role: role) {
                ticket.conflicts.append(Ticket.Conflict(event: event.id, actor: event.actor, attempted: "reported",
                                                        reason: .roleNotAllowed(role, step: "reported")))
            }
            ticket.history.append(Ticket.Entry(event: event.id, kind: nil, actor: event.actor, at: time, note: report.note, evidence: report.evidence))
            byID[event.subject] = ticket
            return
        }
        guard let kind = TicketStep.Kind(eventType: event.type),
              let step = try? PayloadCodec.decode(TicketStep.self, from: event.payload),
              let ticket = byID[event.subject] else { return orphans.append(event.id) }
        do {
            var next = try TicketWorkflow.apply(kind, step, by: role(of: event.actor, at: event), to: ticket, at: time)
            next.history.append(Ticket.Entry(event: event.id, kind: kind, actor: event.actor, at: time, note: step.note,
                                             assignee: kind == .assigned ? step.assignee : nil,
                                             deadline: kind == .assigned || kind == .extensionRequested ? step.deadline : nil,
                                             evidence: step.evidence, transferredTo: kind == .transferred ? step.node : nil))
            byID[event.subject] = next
        } catch {
            byID[event.subject]?.conflicts.append(Ticket.Conflict(event: event.id, actor: event.actor, attempted: kind.rawValue, reason: error))
        }
    }

    /// All tickets, oldest report first.
    public var all: [Ticket] {
        byID.values.sorted { ($0.reportedAt, $0.id.uuidString) < ($1.reportedAt, $1.id.uuidString) }
    }

    public subscript(id: UUID) -> Ticket? { byID[id] }
}

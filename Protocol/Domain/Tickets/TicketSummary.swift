import Foundation

/// What a list of issues shows of one: the columns of the store's `ticket` table, kept up to date
/// with its events. The whole ``Ticket`` (history, conflicts, evidence) is folded from the issue's
/// own events when one is shown.
public struct TicketSummary: Hashable, Sendable {
    public var id: UUID
    public var category: InspectionCategory
    public var state: TicketState
    public var node: String
    public var title: String
    public var reportedBy: String
    public var reportedAt: Timestamp
    public var assignee: String?
    /// The deadline in force (the assignment's, or the last extension granted).
    public var deadline: Timestamp?
    /// A later deadline asked for, awaiting a supervisor's decision.
    public var requestedDeadline: Timestamp?
    /// Extensions granted.
    public var extensionCount: Int
    public var closedAt: Timestamp?
    public var reopenCount: Int
    /// The levels it was escalated to, in order (约谈, 专项督察…).
    public var escalations: [TicketStep.Escalation]
    public var conflictCount: Int
    public var location: GeoPoint?
    /// The record the issue follows from (a fire point, a failed inspection, a reading), if any.
    public var origin: UUID?
    /// The reporter's note.
    public var note: String

    public init(id: UUID, category: InspectionCategory, state: TicketState, node: String, title: String, reportedBy: String,
                reportedAt: Timestamp, assignee: String? = nil, deadline: Timestamp? = nil, requestedDeadline: Timestamp? = nil,
                extensionCount: Int = 0, closedAt: Timestamp? = nil, reopenCount: Int = 0, escalations: [TicketStep.Escalation] = [], conflictCount: Int = 0, location: GeoPoint? = nil,
                origin: UUID? = nil, note: String = "") {
        self.id = id
        self.category = category
        self.state = state
        self.node = node
        self.title = title
        self.reportedBy = reportedBy
        self.reportedAt = reportedAt
        self.assignee = assignee
        self.deadline = deadline
        self.requestedDeadline = requestedDeadline
        self.extensionCount = extensionCount
        self.closedAt = closedAt
        self.reopenCount = reopenCount
        self.escalations = escalations
        self.conflictCount = conflictCount
        self.location = location
        self.origin = origin
        self.note = note
    }

    public init(_ ticket: Ticket) {
        self.init(id: ticket.id, category: ticket.report.category, state: ticket.state, node: ticket.report.node, title: ticket.report.title,
                  reportedBy: ticket.reportedBy, reportedAt: ticket.reportedAt, assignee: ticket.assignee, deadline: ticket.deadline,
                  requestedDeadline: ticket.requestedDeadline, extensionCount: ticket.extensionCount, closedAt: ticket.closedAt, reopenCount: ticket.reopenCount, escalations: ticket.escalations,
                  conflictCount: ticket.conflicts.count, location: ticket.report.location, origin: ticket.report.origin,
                  note: ticket.report.note)
    }

    public func isOverdue(at now: Timestamp) -> Bool { Ticket.isOverdue(state: state, deadline: deadline, at: now) }

    public var isOpen: Bool { state != .closed }

    public var escalationCount: Int { escalations.count }
}

extension TicketSummary {
    /// The summary after `events` of this issue, every one of which comes after all the events it
    /// was folded from in the canonical order, with the users' roles from `roles`: the summary of
    /// the whole fold, since a step's fate depends only on what a summary keeps (state, assignee,
    /// deadline, the extension asked for, escalations, reopenings, close-out) and the recorder's role. So a store applies a
    /// page's new steps to an issue's row without reading its older events (ReadModelTests).
    public func continued(with events: [Event], roles: RoleHistory) -> TicketSummary {
        let report = TicketReported(category: category, node: node, title: title, location: location, origin: origin, note: note)
        let seed = Ticket(id: id, report: report, reportedBy: reportedBy, reportedAt: reportedAt, state: state, assignee: assignee,
                          deadline: deadline, requestedDeadline: requestedDeadline, extensionCount: extensionCount, escalations: escalations, reopenCount: reopenCount, closedAt: closedAt, evidence: [])
        var tickets = Tickets(roles: roles, continuing: [seed])
        for event in Event.inCanonicalOrder(events) where event.subject == id { tickets.apply(event) }
        var next = TicketSummary(tickets[id] ?? seed)
        next.conflictCount += conflictCount
        return next
    }
}

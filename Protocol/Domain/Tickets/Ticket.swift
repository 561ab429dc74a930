import Foundation

/// One issue as users see it: computed from its events, never stored.
public struct Ticket: Hashable, Sendable {
    public var id: UUID
    public var report: TicketReported
    public var reportedBy: String
    public var reportedAt: Timestamp
    public var state: TicketState
    public var assignee: String?
    /// The deadline in force: the assignment's, or the last extension granted.
    public var deadline: Timestamp?
    /// A later deadline township staff asked for, awaiting a supervisor's decision (延期申请).
    public var requestedDeadline: Timestamp?
    /// How many extensions were granted.
    public var extensionCount = 0
    public var escalations: [TicketStep.Escalation] = []
    /// How many times it was reopened after close-out (rebounds).
    public var reopenCount = 0
    public var closedAt: Timestamp?
    public var evidence: [Evidence]
    /// Every accepted step, in canonical order.
    public var history: [Entry] = []
    /// Steps that were not valid where they fell in the canonical order: kept and shown, never applied.
    public var conflicts: [Conflict] = []

    public struct Entry: Hashable, Sendable {
        public var event: UUID
        public var kind: TicketStep.Kind?
        public var actor: String
        public var at: Timestamp
        public var note: String
        /// For an assignment: to whom, and by when; for an extension asked for, the deadline asked for.
        public var assignee: String? = nil
        public var deadline: Timestamp? = nil
        /// The evidence this step added, which its actor answers for.
        public var evidence: [Evidence] = []
        /// For a transfer: the node it moved to.
        public var transferredTo: String? = nil
    }

    public struct Conflict: Hashable, Sendable {
        public var event: UUID
        public var actor: String
        public var attempted: String
        public var reason: TicketRuleViolation
    }

    /// Whether the deadline has passed while the township still owes the rectification.
    /// Computed from the current time; never stored.
    public func isOverdue(at now: Timestamp) -> Bool { Self.isOverdue(state: state, deadline: deadline, at: now) }

    /// The states in which the rectification is still owed, so a deadline can pass: assigned or
    /// being rectified, or only reported when the issue came with a deadline (an alert's).
    public static let owingRectification: [TicketState] = [.reported, .assigned, .rectifying]

    /// Whether an issue in `state` with `deadline` is overdue at `now`.
    public static func isOverdue(state: TicketState, deadline: Timestamp?, at now: Timestamp) -> Bool {
        guard let deadline, owingRectification.contains(state) else { return false }
        return now > deadline
    }

    public var isOpen: Bool { state != .closed }
}

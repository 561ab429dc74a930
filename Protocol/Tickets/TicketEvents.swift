import Foundation

/// An issue (问题) was found and reported: the first event of a ticket, whose subject is the ticket.
public struct TicketReported: EventPayload, Hashable {
    public static let eventType: EventType = "ticket.reported"
    public static let schema: UInt16 = 1

    public var category: InspectionCategory
    /// The grid node (by code) the issue belongs to.
    public var node: String
    public var title: String
    public var location: GeoPoint?
    /// The record that gave rise to it, such as a dust site or a fire point.
    public var origin: UUID?
    public var note: String
    public var evidence: [Evidence]

    public init(category: InspectionCategory, node: String, title: String, location: GeoPoint? = nil, origin: UUID? = nil,
                note: String = "", evidence: [Evidence] = []) {
        self.category = category
        self.node = node
        self.title = title
        self.location = location
        self.origin = origin
        self.note = note
        self.evidence = evidence
    }
}

/// A step of the workflow after the report: who did what is the event's type and actor; this is the rest.
public struct TicketStep: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, EventKind {
        public static let namespace = "ticket"

        /// Township staff give it to someone with a deadline (交办).
        case assigned
        /// Township staff start rectification (整改).
        case rectificationStarted
        /// Township staff report it rectified and ask for close-out.
        case rectificationReported
        /// A supervisor verified on site and closed it out (核查销号).
        case verified
        /// A supervisor's verification failed: back to rectification.
        case verificationFailed
        /// A supervisor reopened a closed issue that rebounded (反弹).
        case reopened
        /// A supervisor escalated an overdue issue (约谈 / 专项督察).
        case escalated
        /// More evidence was added.
        case evidenceAdded

    }

    /// How far an escalation goes.
    public enum Escalation: String, Codable, Hashable, Sendable {
        /// A formal interview of the responsible leader (约谈).
        case interview
        /// A special inspection (专项督察).
        case specialInspection = "special-inspection"
    }

    public var note: String
    public var evidence: [Evidence]
    /// For `assigned`: who is to rectify it.
    public var assignee: String?
    /// For `assigned`: when rectification is due.
    public var deadline: Timestamp?
    /// For `escalated`.
    public var escalation: Escalation?

    public init(note: String = "", evidence: [Evidence] = [], assignee: String? = nil, deadline: Timestamp? = nil,
                escalation: Escalation? = nil) {
        self.note = note
        self.evidence = evidence
        self.assignee = assignee
        self.deadline = deadline
        self.escalation = escalation
    }

    public static let schema: UInt16 = 1

}

import Foundation

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
        /// Township staff ask for a later deadline, with the reason (延期申请).
        case extensionRequested
        /// A supervisor grants the deadline asked for: it is in force from now.
        case extensionGranted
        /// A supervisor refuses it, with the reason: the deadline in force stays.
        case extensionRefused
        /// Township staff or a supervisor move it to the node that owns it (转办), with the reason:
        /// that office's queue from now, back to be assigned there.
        case transferred

    }

    /// How far an escalation goes.
    public enum Escalation: String, Codable, Hashable, Sendable, CaseIterable {
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
    /// For `transferred`: the grid node it moves to.
    public var node: String?

    public init(note: String = "", evidence: [Evidence] = [], assignee: String? = nil, deadline: Timestamp? = nil,
                escalation: Escalation? = nil, node: String? = nil) {
        self.note = note
        self.evidence = evidence
        self.assignee = assignee
        self.deadline = deadline
        self.escalation = escalation
        self.node = node
    }

    public static let schema: UInt16 = 1

}

extension TicketStep: EventContent {
    /// The definition of the step `kind`: the roles ``TicketWorkflow`` gives it.
    public static func definition(_ kind: Kind) -> EventDefinition {
        let (chinese, english): (String, String) = switch kind {
        case .assigned: ("交办", "issue assigned")
        case .rectificationStarted: ("开始整改", "rectification started")
        case .rectificationReported: ("报告整改完成", "rectification reported")
        case .verified: ("核查销号", "issue verified and closed")
        case .verificationFailed: ("核查不合格", "verification failed")
        case .reopened: ("反弹重开", "issue reopened")
        case .escalated: ("升级督办", "issue escalated")
        case .evidenceAdded: ("补充证据", "evidence added")
        case .extensionRequested: ("申请延期", "extension requested")
        case .extensionGranted: ("批准延期", "extension granted")
        case .extensionRefused: ("不批准延期", "extension refused")
        case .transferred: ("转办", "issue transferred")
        }
        let example: TicketStep = switch kind {
        case .assigned: TicketStep(assignee: "staff.wang", deadline: Timestamp(millisecondsSince1970: 1_780_920_000_000))
        case .escalated: TicketStep(note: "逾期未整改", escalation: .interview)
        case .evidenceAdded: TicketStep(evidence: [Evidence(sha256: String(repeating: "ab", count: 32), fileName: "现场.jpg")])
        case .extensionRequested: TicketStep(note: "设备采购需时", deadline: Timestamp(millisecondsSince1970: 1_781_524_800_000))
        case .transferred: TicketStep(note: "属柳园街道辖区", node: "371502002")
        default: TicketStep(note: "现场已清理")
        }
        return EventDefinition(type: kind.eventType, schema: schema, content: TicketStep.self, chinese: chinese, english: english,
                               recorders: .roles(TicketWorkflow.roles(for: kind)), subject: .follows([TicketReported.eventType]),
                               example: example)
    }

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.text(note, "note", max: Check.longText)
        try Check.evidence(evidence)
        if let assignee { try Check.text(assignee, "assignee", max: 256, required: true) }
        if let node { try Check.code(node, "node") }
        if let deadline {
            guard deadline >= EventBounds.earliest else { throw InvalidValue(field: "deadline", rule: .tooLongAgo) }
            guard deadline <= recordedAt.adding(milliseconds: Int64(EventBounds.maxDeadlineDays) * 86_400_000) else {
                throw InvalidValue(field: "deadline", rule: .tooFarAhead(days: EventBounds.maxDeadlineDays))
            }
        }
    }

    public func placement(of event: Event) -> PlacementClaim {
        if event.type == Kind.transferred.eventType {
            return .transfers(subject: event.subject, startedBy: [TicketReported.eventType], to: node ?? "")
        }
        return .sameAs(subject: event.subject, startedBy: [TicketReported.eventType])
    }
}

extension TicketStep.Kind {
    /// What users call it.
    public func name(in language: Language) -> String {
        switch self {
        case .assigned: language.say("交办", "assigned")
        case .rectificationStarted: language.say("开始整改", "rectification started")
        case .rectificationReported: language.say("报告整改完成", "rectification reported")
        case .verified: language.say("核查销号", "verified and closed")
        case .verificationFailed: language.say("核查不合格", "verification failed")
        case .reopened: language.say("反弹重开", "reopened")
        case .escalated: language.say("升级督办", "escalated")
        case .evidenceAdded: language.say("补充证据", "evidence added")
        case .extensionRequested: language.say("申请延期", "extension requested")
        case .extensionGranted: language.say("批准延期", "extension granted")
        case .extensionRefused: language.say("不批准延期", "extension refused")
        case .transferred: language.say("转办", "transferred")
        }
    }
}

extension TicketStep.Escalation: NamedValue {
    /// What users call it.
    public func name(in language: Language) -> String {
        switch self {
        case .interview: language.say("约谈", "interview")
        case .specialInspection: language.say("专项督察", "special inspection")
        }
    }
}

import Foundation

/// A later step of an inquiry: findings recorded, or the conclusion (duty fulfilled, or neglected
/// with the person responsible). Each kind is its own event type; the subject is the inquiry.
public struct InquiryStep: Codable, Hashable, Sendable, EventContent {
    public enum Kind: String, EventKind {
        case finding, concluded
        public static let namespace = "inquiry"
    }

    public enum Outcome: String, Codable, Hashable, Sendable, CaseIterable {
        /// 履职到位: the office did its duty.
        case fulfilled
        /// 失职: the office neglected its duty.
        case neglected
    }

    public static let schema: UInt16 = 1

    public var note: String
    public var evidence: [Evidence]
    /// For a conclusion.
    public var outcome: Outcome?
    /// For a conclusion of neglect: who answers for it.
    public var responsible: String?

    public init(note: String, evidence: [Evidence] = [], outcome: Outcome? = nil, responsible: String? = nil) {
        self.note = note
        self.evidence = evidence
        self.outcome = outcome
        self.responsible = responsible
    }

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.text(note, "note", max: Check.longText, required: true)
        try Check.evidence(evidence)
        if let responsible { try Check.text(responsible, "responsible", required: true) }
    }

    public func placement(of event: Event) -> PlacementClaim { .sameAs(subject: event.subject, startedBy: [InquiryOpened.eventType]) }

    public static func definition(_ kind: Kind) -> EventDefinition {
        let example = kind == .finding
            ? InquiryStep(note: "该网格 10 月巡查记录 12 次，均未到该企业所在地块")
            : InquiryStep(note: "巡查流于形式", outcome: .neglected, responsible: "officer.zhang")
        return EventDefinition(type: kind.eventType, schema: schema, content: InquiryStep.self,
                               chinese: kind == .finding ? "一案双查调查情况" : "一案双查结论",
                               english: kind == .finding ? "inquiry finding" : "inquiry concluded",
                               recorders: .roles([.supervisor]), subject: .follows([InquiryOpened.eventType]), example: example)
    }
}

extension InquiryStep: CitesEvidence {}

extension InquiryStep.Outcome: NamedValue {
    public func name(in language: Language) -> String {
        switch self {
        case .fulfilled: language.say("履职到位", "duty fulfilled")
        case .neglected: language.say("失职", "duty neglected")
        }
    }
}

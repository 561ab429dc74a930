import Foundation

/// One step in an enterprise's case after registration. Its kind is the event type.
public struct EnterpriseStep: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, EventKind {
        public static let namespace = "enterprise"

        /// The disposition was decided.
        case disposed
        /// One of the five closure items was done.
        case closureItemDone
        /// A department signed off an upgrade (会审签字).
        case signedOff
        /// Relocation into the park was completed.
        case relocated
        /// An upgraded enterprise resumed production, signed and with open doors (挂牌生产、开门生产).
        case productionResumed
        /// A patrol found a completed case operating again (死灰复燃).
        case resurgenceFound

    }

    public var disposition: Disposition?
    public var item: ClosureItem?
    public var department: String?
    public var note: String
    public var evidence: [Evidence]

    public init(disposition: Disposition? = nil, item: ClosureItem? = nil, department: String? = nil, note: String = "",
                evidence: [Evidence] = []) {
        self.disposition = disposition
        self.item = item
        self.department = department
        self.note = note
        self.evidence = evidence
    }

    public static let schema: UInt16 = 1

}

extension EnterpriseStep: EventContent {
    public static func definition(_ kind: Kind) -> EventDefinition {
        let (chinese, english): (String, String) = switch kind {
        case .disposed: ("确定处置方式", "disposition decided")
        case .closureItemDone: ("两断三清完成一项", "closure item done")
        case .signedOff: ("部门会审签字", "department signed off")
        case .relocated: ("搬迁入园完成", "relocation completed")
        case .productionResumed: ("挂牌恢复生产", "production resumed")
        case .resurgenceFound: ("发现死灰复燃", "resurgence found")
        }
        let example: EnterpriseStep = switch kind {
        case .disposed: EnterpriseStep(disposition: .banClose)
        case .closureItemDone: EnterpriseStep(item: .powerCut, note: "供电公司已断电")
        case .signedOff: EnterpriseStep(department: "生态环境")
        default: EnterpriseStep(note: "现场核实")
        }
        return EventDefinition(type: kind.eventType, schema: schema, content: EnterpriseStep.self, chinese: chinese, english: english,
                               recorders: .field, subject: .follows([EnterpriseRegistered.eventType]), example: example)
    }

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        if let department { try Check.text(department, "department", required: true) }
        try Check.text(note, "note", max: Check.longText)
        try Check.evidence(evidence)
    }

    public func placement(of event: Event) -> PlacementClaim {
        .sameAs(subject: event.subject, startedBy: [EnterpriseRegistered.eventType])
    }
}

extension EnterpriseStep.Kind {
    /// What users call the step.
    public func name(in language: Language) -> String {
        switch self {
        case .disposed: language.say("确定处置方式", "decide the disposition")
        case .closureItemDone: language.say("完成取缔项目", "complete a closure item")
        case .signedOff: language.say("会审签字", "sign off")
        case .relocated: language.say("完成搬迁", "complete the relocation")
        case .productionResumed: language.say("恢复生产", "resume production")
        case .resurgenceFound: language.say("发现死灰复燃", "find it operating again")
        }
    }
}

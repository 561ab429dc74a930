import Foundation

/// A scattered-polluting enterprise (散乱污企业) was found and put on file (建档立册). The subject is the enterprise.
public struct EnterpriseRegistered: EventPayload, Hashable {
    public static let eventType: EventType = "enterprise.registered"
    public static let schema: UInt16 = 1

    /// How the enterprise came to light.
    public enum LeadSource: String, Codable, Hashable, Sendable, CaseIterable {
        case patrol
        /// The power company's data on dedicated transformers (专变用电数据).
        case electricityData = "electricity-data"
        case satellite, drone
        case publicReport = "public-report"
    }

    public var name: String
    public var address: String
    /// The grid node (by code) it lies in.
    public var node: String
    public var industry: String
    public var leadSource: LeadSource

    public init(name: String, address: String, node: String, industry: String, leadSource: LeadSource) throws(InvalidValue) {
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw InvalidValue(field: "name", rule: .empty) }
        self.name = name
        self.address = address
        self.node = node
        self.industry = industry
        self.leadSource = leadSource
    }
}

/// What is to become of an enterprise (分类处置).
public enum Disposition: String, Codable, Hashable, Sendable, CaseIterable {
    /// Ban and close (关停取缔): complete when the five "two cuts, three clears" are all recorded.
    case banClose = "ban-close"
    /// Consolidate and relocate into an industrial park (整合搬迁).
    case relocate
    /// Upgrade in place (升级改造): may resume only after every required department has signed off.
    case upgrade
}

/// The "two cuts, three clears" (两断三清) that complete a ban-close.
public enum ClosureItem: String, Codable, Hashable, Sendable, CaseIterable {
    case waterCut = "water-cut"
    case powerCut = "power-cut"
    case rawMaterialsCleared = "raw-materials-cleared"
    case productsCleared = "products-cleared"
    case equipmentCleared = "equipment-cleared"
}

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

/// The departments that must sign off an upgrade, for a node and everything below it.
public struct SignOffDepartmentsDefined: EventPayload, Hashable {
    public static let eventType: EventType = "enterprise.signOffDepartments.defined"
    public static let schema: UInt16 = 1

    public var node: String
    public var departments: [String]

    public init(node: String, departments: [String]) {
        self.node = node
        self.departments = departments
    }

    /// The departments seed 000 names for upgraded enterprises (会审签字后方可投入运行).
    public static let standard = ["生态环境", "自然资源和规划", "市场监管", "应急管理", "发展改革"]
}

extension EnterpriseRegistered {
    public static let definition = EventDefinition(
        EnterpriseRegistered.self, chinese: "散乱污企业登记", english: "enterprise registered", recorders: .field, subject: .starts,
        example: try! EnterpriseRegistered(name: "北关村塑料颗粒作坊", address: "北关村东 200 米", node: "371502001001",
                                           industry: "塑料加工", leadSource: .electricityData))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.text(name, "name", required: true)
        try Check.text(address, "address", max: Check.longText)
        try Check.code(node, "node")
        try Check.text(industry, "industry")
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: nil) }
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

extension SignOffDepartmentsDefined {
    public static let definition = EventDefinition(
        SignOffDepartmentsDefined.self, chinese: "会审部门设置", english: "sign-off departments set", recorders: .server,
        subject: .defines, example: SignOffDepartmentsDefined(node: "371502", departments: standard))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(node, "node")
        try Check.count(departments.count, "departments", max: 20)
        guard !departments.isEmpty else { throw InvalidValue(field: "departments", rule: .empty) }
        guard Set(departments).count == departments.count else { throw InvalidValue(field: "departments", rule: .duplicate) }
        for department in departments { try Check.text(department, "department", required: true) }
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: nil) }
}

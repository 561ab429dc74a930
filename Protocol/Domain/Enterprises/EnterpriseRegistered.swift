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

extension EnterpriseRegistered.LeadSource: NamedValue {
    /// What users call it.
    public func name(in language: Language) -> String {
        switch self {
        case .patrol: language.say("巡查", "patrol")
        case .electricityData: language.say("专变用电数据", "electricity data")
        case .satellite: language.say("卫星遥感", "satellite")
        case .drone: language.say("无人机", "drone")
        case .publicReport: language.say("群众举报", "public report")
        }
    }
}

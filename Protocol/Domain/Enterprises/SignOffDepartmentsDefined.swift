import Foundation

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

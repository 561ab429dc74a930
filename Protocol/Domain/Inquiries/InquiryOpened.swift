import Foundation

/// 一案双查 (seed 002: 既查违法企业，又调查监管部门是否存在失职渎职行为): a supervisor who finds a
/// problem the office's own patrols missed (a banned enterprise operating again, a fire in a cell
/// patrolled that evening, an issue found by the county's inspection) opens an inquiry into the
/// office answering for the place, or a named officer there. Seen only by supervisors who see
/// that office (``PlacementClaim/supervision(of:)``). The subject is the inquiry.
public struct InquiryOpened: EventPayload, Hashable {
    public static let eventType: EventType = "inquiry.opened"
    public static let schema: UInt16 = 1

    /// The office inquired into: the township or cell answering for the place.
    public var node: String
    /// A named officer or staff member, if the inquiry is into one person.
    public var person: String?
    /// The record that prompted it: an issue, a fire point, an enterprise.
    public var prompt: UUID?
    public var reason: String

    public init(node: String, person: String? = nil, prompt: UUID? = nil, reason: String) {
        self.node = node
        self.person = person
        self.prompt = prompt
        self.reason = reason
    }
}

extension InquiryOpened {
    public static let definition = EventDefinition(
        InquiryOpened.self, chinese: "一案双查立案", english: "inquiry opened", recorders: .roles([.supervisor]), subject: .starts,
        example: InquiryOpened(node: "371502001", reason: "已取缔企业复产，乡镇巡查未发现"))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(node, "node")
        if let person { try Check.text(person, "person", required: true) }
        try Check.text(reason, "reason", max: Check.longText, required: true)
    }

    public func placement(of event: Event) -> PlacementClaim { .supervision(of: node) }
}

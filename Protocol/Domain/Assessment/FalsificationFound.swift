import Foundation

/// A supervisor's finding that a township's records for a month were falsified or tampered with:
/// the township fails that month's assessment whatever its score ("弄虚作假…考核不合格", seeds 000,
/// 001, 003). The subject is the finding.
public struct FalsificationFound: EventPayload, Hashable {
    public static let eventType: EventType = "assessment.falsification.found"
    public static let schema: UInt16 = 1

    /// The township.
    public var node: String
    /// `YYYY-MM`.
    public var month: String
    public var note: String
    public var evidence: [Evidence]

    public init(node: String, month: String, note: String, evidence: [Evidence] = []) {
        self.node = node
        self.month = month
        self.note = note
        self.evidence = evidence
    }
}

extension FalsificationFound {
    public static let definition = EventDefinition(
        FalsificationFound.self, chinese: "弄虚作假认定", english: "falsification found", recorders: .roles([.supervisor]), subject: .starts,
        example: FalsificationFound(node: "371502001", month: "2026-10", note: "巡查记录补录、定位与实际不符"))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(node, "node")
        guard ReviewMonth(month) != nil else { throw InvalidValue(field: "month", rule: .invalidMonth) }
        try Check.text(note, "note", max: Check.longText, required: true)
        try Check.evidence(evidence)
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: nil) }
}

import Foundation

/// The assessment scheme of a jurisdiction for a year (configuration): for the node and below,
/// replacing ``AssessmentScheme/standard``.
public struct AssessmentSchemeDefined: EventPayload, Hashable {
    public static let eventType: EventType = "assessment.scheme.defined"
    public static let schema: UInt16 = 1

    public var node: String
    public var year: Int
    public var scheme: AssessmentScheme

    public init(node: String, year: Int, scheme: AssessmentScheme) {
        self.node = node
        self.year = year
        self.scheme = scheme
    }
}

extension AssessmentSchemeDefined {
    public static let definition = EventDefinition(
        AssessmentSchemeDefined.self, chinese: "考核办法设置", english: "assessment scheme set", recorders: .server, subject: .defines,
        example: AssessmentSchemeDefined(node: "371502", year: 2026, scheme: .standard))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(node, "node")
        try Check.number(Double(year), "year", in: 2000...2100)
        guard !scheme.weights.isEmpty, scheme.weights.values.contains(where: { $0 > 0 }) else { throw InvalidValue(field: "weights", rule: .empty) }
        for weight in scheme.weights.values { try Check.number(weight, "weights", in: 0...100) }
        for threshold in [scheme.excellent, scheme.good, scheme.pass] { try Check.number(threshold, "thresholds", in: 0...100) }
        guard scheme.excellent >= scheme.good, scheme.good >= scheme.pass else { throw InvalidValue(field: "thresholds", rule: .notDescending) }
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: nil) }
}

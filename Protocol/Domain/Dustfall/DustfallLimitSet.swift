import Foundation

/// The dust-fall limit for a jurisdiction and year; without one, ``DustfallLimit/standard`` applies.
public struct DustfallLimitSet: EventPayload, Hashable {
    public static let eventType: EventType = "dustfall.limit.set"
    public static let schema: UInt16 = 1

    /// The grid node (by code) the limit applies to, and everything below it.
    public var node: String
    public var year: Int
    /// In t/(km²·30 d).
    public var limit: Double

    public init(node: String, year: Int, limit: Double) {
        self.node = node
        self.year = year
        self.limit = limit
    }
}

extension DustfallLimitSet {
    public static let definition = EventDefinition(
        DustfallLimitSet.self, chinese: "降尘限值设置", english: "dust-fall limit set", recorders: .server, subject: .defines,
        example: DustfallLimitSet(node: "371502", year: 2026, limit: 8))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(node, "node")
        try Check.number(Double(year), "year", in: 2000...2100)
        try Check.positive(limit, "limit", max: 1_000)
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: nil) }
}

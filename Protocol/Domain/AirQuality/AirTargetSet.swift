import Foundation

/// A county's air-quality targets for the season starting in `season`'s October (configuration):
/// set directly, or from last season's values by the tier rule (``SeasonTarget/tiered(lastPM25:lastHeavyDays:)``),
/// last season's values kept so the rule's result and any departure from it can be shown.
public struct AirTargetSet: EventPayload, Hashable {
    public static let eventType: EventType = "air.target.set"
    public static let schema: UInt16 = 1

    public var node: String
    /// The year the season starts in (2019 for 2019—2020).
    public var season: Int
    public var target: SeasonTarget
    /// Last season's PM2.5 mean and heavy days, when known.
    public var lastPM25: Double?
    public var lastHeavyDays: Int?

    public init(node: String, season: Int, target: SeasonTarget, lastPM25: Double? = nil, lastHeavyDays: Int? = nil) {
        self.node = node
        self.season = season
        self.target = target
        self.lastPM25 = lastPM25
        self.lastHeavyDays = lastHeavyDays
    }

    /// The targets the tier rule gives, where last season's values are known.
    public var tiered: SeasonTarget? {
        guard let lastPM25, let lastHeavyDays else { return nil }
        return SeasonTarget.tiered(lastPM25: lastPM25, lastHeavyDays: lastHeavyDays)
    }
}

extension AirTargetSet {
    public static let definition = EventDefinition(
        AirTargetSet.self, chinese: "空气质量目标设置", english: "air-quality target set", recorders: .server, subject: .defines,
        example: AirTargetSet(node: "371502", season: 2019, target: SeasonTarget(pm25: 77, heavyDays: 24), lastPM25: 84, lastHeavyDays: 26))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(node, "node")
        try Check.number(Double(season), "season", in: 2000...2100)
        try Check.number(target.pm25, "pm25", in: 1...1_000)
        try Check.number(Double(target.heavyDays), "heavyDays", in: 0...182)
        if let lastPM25 { try Check.number(lastPM25, "pm25", in: 1...1_000) }
        if let lastHeavyDays { try Check.number(Double(lastHeavyDays), "heavyDays", in: 0...182) }
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: nil) }
}

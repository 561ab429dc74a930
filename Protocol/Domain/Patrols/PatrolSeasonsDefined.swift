import Foundation

/// The patrol seasons of a jurisdiction (configuration, like the dust checklist): for a grid node
/// and below, replacing the defaults (``PatrolSeason/defaults``). An empty list means no patrol is
/// required there at any time.
public struct PatrolSeasonsDefined: EventPayload, Hashable {
    public static let eventType: EventType = "patrol.seasons.defined"
    public static let schema: UInt16 = 1

    public var node: String
    public var seasons: [PatrolSeason]

    public init(node: String, seasons: [PatrolSeason]) {
        self.node = node
        self.seasons = seasons
    }

    /// The most seasons a node may set.
    public static let maxSeasons = 12
}

extension PatrolSeasonsDefined {
    public static let definition = EventDefinition(
        PatrolSeasonsDefined.self, chinese: "巡查季节设置", english: "patrol seasons set", recorders: .server, subject: .defines,
        example: PatrolSeasonsDefined(node: "371502", seasons: PatrolSeason.defaults))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(node, "node")
        try Check.count(seasons.count, "seasons", max: Self.maxSeasons)
        for season in seasons {
            try Check.text(season.name, "seasons", required: true)
            guard PatrolSeason.dayOfYear(season.from) != nil, PatrolSeason.dayOfYear(season.to) != nil else {
                throw InvalidValue(field: "seasons", rule: .invalidDay)
            }
            try Check.count(season.slots.count, "seasons", max: RiskySlot.allCases.count)
            guard season.slots.allSatisfy({ $0.isClockSlot }), Set(season.slots).count == season.slots.count else {
                throw InvalidValue(field: "seasons", rule: .notAClockSlot)
            }
        }
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: nil) }
}

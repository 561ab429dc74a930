import Foundation

/// A county's targets for an autumn-and-winter season (秋冬季, 10-01 to 03-31): its PM2.5 mean and
/// its number of heavy-pollution days.
public struct SeasonTarget: Codable, Hashable, Sendable {
    /// µg/m³.
    public var pm25: Double
    public var heavyDays: Int

    public init(pm25: Double, heavyDays: Int) {
        self.pm25 = pm25
        self.heavyDays = heavyDays
    }

    /// The targets the tier rule of seed 000 附件 2 §二 gives from last season's values: PM2.5 above
    /// 90 µg/m³ falls 15 %, above 85 up to 90 10 %, 80 to 85 8 %, under 80 5 %, rounded to the whole
    /// µg/m³ as 附件 1 does; heavy-pollution days 25 or fewer fall by 1, 26 to 29 by 2, 30 or more by 4.
    public static func tiered(lastPM25: Double, lastHeavyDays: Int) -> SeasonTarget {
        let fall = lastPM25 > 90 ? 0.15 : lastPM25 > 85 ? 0.10 : lastPM25 >= 80 ? 0.08 : 0.05
        let days = lastHeavyDays <= 25 ? 1 : lastHeavyDays < 30 ? 2 : 4
        return SeasonTarget(pm25: (lastPM25 * (1 - fall)).rounded(), heavyDays: max(0, lastHeavyDays - days))
    }
}

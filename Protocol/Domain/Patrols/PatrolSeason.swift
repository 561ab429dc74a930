import Foundation

/// A season in which every cell must be patrolled every day in each of `slots` (秋收: after work and
/// in the first half of the night). Days are `MM-DD` in Beijing time, both included; a season may
/// run over the new year (11-15 to 03-15).
public struct PatrolSeason: Codable, Hashable, Sendable {
    public var name: String
    /// The first day, `MM-DD`.
    public var from: String
    /// The last day, `MM-DD`.
    public var to: String
    /// The slots each day must be patrolled in: only those the clock decides (``RiskySlot/window(on:)``).
    public var slots: [RiskySlot]

    public init(name: String, from: String, to: String, slots: [RiskySlot]) {
        self.name = name
        self.from = from
        self.to = to
        self.slots = slots
    }

    /// Whether the Beijing day `month`-`day` falls in the season.
    public func contains(month: Int, day: Int) -> Bool {
        guard let start = Self.dayOfYear(from), let end = Self.dayOfYear(to) else { return false }
        let date = month * 100 + day
        return start <= end ? (start...end).contains(date) : date >= start || date <= end
    }

    /// `MM-DD` as `MMDD`, if it is a day some year has.
    static func dayOfYear(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let month = Int(parts[0]), let day = Int(parts[1]),
              (1...12).contains(month), (1...BeijingTime.daysIn(month: month, year: 2024)).contains(day) else { return nil }
        return month * 100 + day
    }

    /// The seasons that apply where no node of a cell's lineage has set its own: the two harvests,
    /// patrolled daily after work and in the first half of the night, the slots seed 003 §(九)
    /// names for the clock (收工时、上半夜; 下雨前 and 播种前 are for people to judge). Seed 000
    /// §19 asks for special patrols in the autumn harvest; Shandong's wheat harvest (夏收) is the
    /// other burning season. The dates are a county's to change (`lantiand config patrol-seasons`).
    public static let defaults: [PatrolSeason] = [
        PatrolSeason(name: "夏收", from: "05-25", to: "06-20", slots: [.afterWork, .firstHalfOfNight]),
        PatrolSeason(name: "秋收", from: "09-20", to: "11-10", slots: [.afterWork, .firstHalfOfNight]),
    ]
}

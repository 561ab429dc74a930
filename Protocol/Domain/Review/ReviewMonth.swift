/// A calendar month in Beijing time, such as 2026-10: the period a monthly notice (月通报) covers.
public struct ReviewMonth: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    /// `YYYY-MM`, with a year from 2000 to 9999; `nil` for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count), let year = Int(parts[0]), let month = Int(parts[1]),
              (2000...9999).contains(year), (1...12).contains(month) else { return nil }
        (self.year, self.month) = (year, month)
    }

    public init(year: Int, month: Int) {
        (self.year, self.month) = (year, Swift.min(Swift.max(month, 1), 12))
    }

    /// The month `time` falls in, in Beijing time (any time has one: the year may be impossible).
    public init(containing time: Timestamp) {
        let civil = BeijingTime.civil(time)
        self.init(year: Int(truncatingIfNeeded: civil.year), month: civil.month)
    }

    public var description: String { "\(BeijingTime.Civil.digits(Int64(year), 4))-\(BeijingTime.Civil.digits(Int64(month), 2))" }

    /// The month `count` months later (earlier when `count` is negative); total, like the rest.
    public func adding(months count: Int) -> ReviewMonth {
        var (years, index) = (month - 1).addingReportingOverflow(count).partialValue.quotientAndRemainder(dividingBy: 12)
        if index < 0 { (years, index) = (years - 1, index + 12) }
        return ReviewMonth(year: year &+ years, month: index + 1)
    }

    /// The autumn-and-winter season (秋冬季, 10-01 to 03-31) the month falls in, by the year it
    /// starts in; `nil` from April to September.
    public var autumnWinterSeason: Int? { month >= 10 ? year : month <= 3 ? year &- 1 : nil }

    /// The same month a year earlier.
    public var yearBefore: ReviewMonth { ReviewMonth(year: year &- 1, month: month) }

    /// The first moment of the month, in Beijing time.
    public var start: Timestamp { BeijingTime.start(ofYear: Int64(year), month: month, day: 1) }

    /// The first moment after the month, in Beijing time.
    public var end: Timestamp { month == 12 ? BeijingTime.start(ofYear: Int64(year) + 1, month: 1, day: 1) : BeijingTime.start(ofYear: Int64(year), month: month + 1, day: 1) }

    public func contains(_ time: Timestamp) -> Bool { ReviewMonth(containing: time) == self }

    public static func < (lhs: ReviewMonth, rhs: ReviewMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}

/// A calendar month in Beijing time, such as 2026-10: the period a monthly notice (月通报) covers.
public struct ReviewMonth: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    public init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else { return nil }
        (self.year, self.month) = (year, month)
    }

    public init(year: Int, month: Int) {
        (self.year, self.month) = (year, month)
    }

    /// The month `time` falls in, in Beijing time.
    public init(containing time: Timestamp) {
        let text = BeijingTime.format(time)
        self.init(String(text.prefix(7)))!
    }

    public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    /// The same month a year earlier.
    public var yearBefore: ReviewMonth { ReviewMonth(year: year - 1, month: month) }

    public func contains(_ time: Timestamp) -> Bool { ReviewMonth(containing: time) == self }

    public static func < (lhs: ReviewMonth, rhs: ReviewMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}

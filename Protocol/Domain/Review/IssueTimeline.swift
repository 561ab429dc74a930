import Foundation

/// Issues opened and closed per week (Monday to Sunday, Beijing time), for charts.
public struct IssueTimeline: Hashable, Sendable {
    public struct Week: Hashable, Sendable {
        /// The Monday the week starts on, `YYYY-MM-DD`.
        public var start: String
        public var opened = 0
        public var closed = 0
    }

    public var weeks: [Week]

    /// The `count` weeks ending with the one that holds `now`, from the issues' times.
    public init(tickets: [TicketSummary], weeks count: Int, endingAt now: Timestamp) {
        self.init(reported: tickets.map(\.reportedAt), closed: tickets.compactMap(\.closedAt), weeks: count, endingAt: now)
    }

    /// The `count` weeks ending with the one that holds `now`: how many of the times of report and of
    /// close-out fall in each (the others are outside the weeks).
    public init(reported: [Timestamp], closed: [Timestamp], weeks count: Int, endingAt now: Timestamp) {
        let last = Self.monday(now)
        let mondays = (0..<Int64(max(count, 0))).map { last &- 7 &* (Int64(count) &- 1 &- $0) }
        var weeks = mondays.map { day in
            let date = BeijingTime.civil(fromDays: day)
            return Week(start: BeijingTime.Civil(year: date.year, month: date.month, day: date.day, hour: 0, minute: 0, second: 0).date)
        }
        let index = Dictionary(mondays.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        for time in reported { if let week = index[Self.monday(time)] { weeks[week].opened += 1 } }
        for time in closed { if let week = index[Self.monday(time)] { weeks[week].closed += 1 } }
        self.weeks = weeks
    }

    /// The weeks that cover `month` up to `now` (its whole span once it is over): how many, and
    /// the moment the last of them holds. A past month's chart is the same whenever it is drawn.
    public static func weeks(covering month: ReviewMonth, asOf now: Timestamp) -> (count: Int, endingAt: Timestamp) {
        let last = min(now, month.end.adding(milliseconds: -1))
        return (Int(max((monday(last) &- monday(month.start)) / 7, 0)) + 1, last)
    }

    /// The first moment of the first week and the first moment after the last, for a store to
    /// select the times that can count; `nil` when the weeks lie beyond what a time can hold.
    public static func span(weeks count: Int, endingAt now: Timestamp) -> Range<Timestamp>? {
        let last = monday(now)
        let first = last &- 7 &* Int64(max(count, 1) &- 1)
        let (start, startOverflow) = first.multipliedReportingOverflow(by: BeijingTime.millisecondsPerDay)
        let (end, endOverflow) = (last &+ 7).multipliedReportingOverflow(by: BeijingTime.millisecondsPerDay)
        let offset = Int64(BeijingTime.offsetSeconds) * 1000
        guard !startOverflow, !endOverflow, start > .min + offset, end > .min + offset else { return nil }
        return Timestamp(millisecondsSince1970: start - offset)..<Timestamp(millisecondsSince1970: end - offset)
    }

    /// Days since 1970-01-01 in Beijing time of the Monday that starts the week holding `time`;
    /// 1970-01-01 was a Thursday, so Monday is (days + 3) % 7 == 0.
    static func monday(_ time: Timestamp) -> Int64 {
        let day = BeijingTime.dayAndMillisecond(time).day
        return day &- ((day % 7 &+ 3) % 7 &+ 7) % 7
    }
}

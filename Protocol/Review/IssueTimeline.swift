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

    /// The `count` weeks ending with the one that holds `now`.
    public init(tickets: [Ticket], weeks count: Int, endingAt now: Timestamp) {
        let day: Int64 = 86_400_000
        let offset = Int64(BeijingTime.offsetSeconds) * 1000
        // Days since 1970-01-01 in Beijing time; 1970-01-01 was a Thursday, so Monday is (days + 3) % 7 == 0.
        func monday(_ time: Timestamp) -> Int64 {
            let days = (time.millisecondsSince1970 + offset).quotientAndRemainder(dividingBy: day)
            let daysSinceEpoch = days.quotient - (days.remainder < 0 ? 1 : 0)
            return daysSinceEpoch - ((daysSinceEpoch + 3) % 7 + 7) % 7
        }
        let last = monday(now)
        let mondays = (0..<Int64(count)).map { last - 7 * (Int64(count) - 1 - $0) }
        var weeks = mondays.map { Week(start: String(BeijingTime.format(Timestamp(millisecondsSince1970: $0 * day - offset)).prefix(10))) }
        for ticket in tickets {
            if let index = mondays.firstIndex(of: monday(ticket.reportedAt)) { weeks[index].opened += 1 }
            if let closedAt = ticket.closedAt, let index = mondays.firstIndex(of: monday(closedAt)) { weeks[index].closed += 1 }
        }
        self.weeks = weeks
    }
}

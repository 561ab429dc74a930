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
        // Days since 1970-01-01 in Beijing time; 1970-01-01 was a Thursday, so Monday is (days + 3) % 7 == 0.
        func monday(_ time: Timestamp) -> Int64 {
            let day = BeijingTime.dayAndMillisecond(time).day
            return day - ((day % 7 + 3) % 7 + 7) % 7
        }
        let last = monday(now)
        let mondays = (0..<Int64(count)).map { last - 7 * (Int64(count) - 1 - $0) }
        var weeks = mondays.map { day in
            let date = BeijingTime.civil(fromDays: day)
            return Week(start: BeijingTime.Civil(year: date.year, month: date.month, day: date.day, hour: 0, minute: 0, second: 0).date)
        }
        for ticket in tickets {
            if let index = mondays.firstIndex(of: monday(ticket.reportedAt)) { weeks[index].opened += 1 }
            if let closedAt = ticket.closedAt, let index = mondays.firstIndex(of: monday(closedAt)) { weeks[index].closed += 1 }
        }
        self.weeks = weeks
    }
}

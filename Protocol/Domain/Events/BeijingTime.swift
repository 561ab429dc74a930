/// Civil time in China (UTC+8, no daylight saving), as people in the field read and write it.
///
/// Conversions are plain integer arithmetic on the proleptic Gregorian calendar (H. Hinnant's
/// `civil_from_days`), total over every `Int64`: a time from an event that lies in the year 33658
/// is shown as such, never trapped on.
///
/// ```swift
/// let time = try BeijingTime.parse("2026-06-01 19:30")
/// BeijingTime.format(time)  // "2026-06-01 19:30"
/// ```
public enum BeijingTime {
    public static let offsetSeconds = 8 * 3600
    static let millisecondsPerDay: Int64 = 86_400_000

    /// A moment's calendar date and time of day in Beijing.
    public struct Civil: Hashable, Sendable {
        public var year: Int64
        public var month: Int
        public var day: Int
        public var hour: Int
        public var minute: Int
        public var second: Int

        /// `YYYY-MM-DD`.
        public var date: String { "\(Self.digits(year, 4))-\(Self.digits(Int64(month), 2))-\(Self.digits(Int64(day), 2))" }

        static func digits(_ value: Int64, _ width: Int) -> String {
            let text = String(value.magnitude)
            return (value < 0 ? "-" : "") + String(repeating: "0", count: Swift.max(0, width - text.count)) + text
        }
    }

    /// The Beijing calendar date and time of `time`.
    public static func civil(_ time: Timestamp) -> Civil {
        let (day, millisecondOfDay) = dayAndMillisecond(time)
        let (year, month, dayOfMonth) = civil(fromDays: day)
        let second = Int(millisecondOfDay / 1000)
        return Civil(year: year, month: month, day: dayOfMonth, hour: second / 3600, minute: second / 60 % 60, second: second % 60)
    }

    /// Days since 1970-01-01 in Beijing, and the millisecond of that day (`0..<86_400_000`).
    static func dayAndMillisecond(_ time: Timestamp) -> (day: Int64, millisecond: Int64) {
        var (day, millisecond) = time.millisecondsSince1970.quotientAndRemainder(dividingBy: millisecondsPerDay)
        if millisecond < 0 { (day, millisecond) = (day - 1, millisecond + millisecondsPerDay) }
        millisecond += Int64(offsetSeconds) * 1000
        if millisecond >= millisecondsPerDay { (day, millisecond) = (day + 1, millisecond - millisecondsPerDay) }
        return (day, millisecond)
    }

    /// Parses `YYYY-MM-DD HH:MM[:SS]` (a `T` may replace the space) as Beijing time.
    public static func parse(_ text: String) throws(InvalidValue) -> Timestamp {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard parts.count == 2 else { throw invalid }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        let time = parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard date.count == 3, (2...3).contains(time.count),
              let year = date[0], let month = date[1], let day = date[2], let hour = time[0], let minute = time[1],
              (1...9999).contains(year), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              (0...23).contains(hour), (0...59).contains(minute) else { throw invalid }
        let second = time.count == 3 ? time[2] : 0
        guard let second, (0...59).contains(second) else { throw invalid }
        let days = days(fromYear: Int64(year), month: month, day: day)
        let seconds = Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
        return Timestamp(millisecondsSince1970: days * millisecondsPerDay + seconds * 1000)
    }

    /// `YYYY-MM-DD HH:MM` in Beijing time.
    public static func format(_ time: Timestamp) -> String {
        let civil = civil(time)
        return "\(civil.date) \(Civil.digits(Int64(civil.hour), 2)):\(Civil.digits(Int64(civil.minute), 2))"
    }

    /// ISO 8601 with the +08:00 offset, for machine-readable output.
    public static func iso8601(_ time: Timestamp) -> String {
        let civil = civil(time)
        return "\(civil.date)T\(Civil.digits(Int64(civil.hour), 2)):\(Civil.digits(Int64(civil.minute), 2)):\(Civil.digits(Int64(civil.second), 2))+08:00"
    }

    /// The first moment of a Beijing calendar day.
    static func start(ofYear year: Int64, month: Int, day: Int) -> Timestamp {
        let days = days(fromYear: year, month: month, day: day)
        let (milliseconds, overflow) = days.multipliedReportingOverflow(by: millisecondsPerDay)
        guard !overflow else { return Timestamp(millisecondsSince1970: days < 0 ? .min : .max) }
        return Timestamp(millisecondsSince1970: milliseconds).adding(milliseconds: -Int64(offsetSeconds) * 1000)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static let invalid = InvalidValue(field: "time", rule: .invalidTime)

    /// Days since 1970-01-01 of a proleptic Gregorian date (`days_from_civil`).
    static func days(fromYear year: Int64, month: Int, day: Int) -> Int64 {
        let year = month <= 2 ? year - 1 : year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = Int64((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1)
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date `days` after 1970-01-01 (`civil_from_days`).
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

import Foundation

/// Civil time in China (UTC+8, no daylight saving), as people in the field read and write it.
///
/// ```swift
/// let time = try BeijingTime.parse("2026-06-01 19:30")
/// BeijingTime.format(time)  // "2026-06-01 19:30"
/// ```
public enum BeijingTime {
    public static let offsetSeconds = 8 * 3600

    /// Parses `YYYY-MM-DD HH:MM[:SS]` (a `T` may replace the space) as Beijing time.
    public static func parse(_ text: String) throws(ValidationError) -> Timestamp {
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == " " || $0 == "T" })
        guard parts.count == 2 else { throw invalid }
        let date = parts[0].split(separator: "-").compactMap { Int($0) }
        let time = parts[1].split(separator: ":").compactMap { Int($0) }
        guard date.count == 3, (2...3).contains(time.count) else { throw invalid }
        var components = DateComponents()
        components.calendar = calendar
        components.timeZone = calendar.timeZone
        (components.year, components.month, components.day) = (date[0], date[1], date[2])
        (components.hour, components.minute, components.second) = (time[0], time[1], time.count == 3 ? time[2] : 0)
        guard components.isValidDate, let moment = calendar.date(from: components) else { throw invalid }
        return Timestamp(millisecondsSince1970: Int64((moment.timeIntervalSince1970 * 1000).rounded()))
    }

    /// `YYYY-MM-DD HH:MM` in Beijing time.
    public static func format(_ time: Timestamp) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date(time))
        return String(format: "%04d-%02d-%02d %02d:%02d", parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!)
    }

    /// ISO 8601 with the +08:00 offset, for machine-readable output.
    public static func iso8601(_ time: Timestamp) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date(time))
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d+08:00",
                      parts.year!, parts.month!, parts.day!, parts.hour!, parts.minute!, parts.second!)
    }

    private static let invalid = ValidationError(field: "time", rule: .invalidTime)

    private static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offsetSeconds)!
        return calendar
    }

    private static func date(_ time: Timestamp) -> Date {
        Date(timeIntervalSince1970: Double(time.millisecondsSince1970) / 1000)
    }
}

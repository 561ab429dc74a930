/// A moment in time, as milliseconds since 1970-01-01T00:00:00Z.
///
/// Time enters the core only as values like this one; nothing in `LantianProtocol` reads a clock.
/// Arithmetic on timestamps saturates instead of overflowing: a time that came from an event may
/// be anything an `Int64` holds, and must never trap the process.
///
/// ```swift
/// let noon = Timestamp(millisecondsSince1970: 1_780_000_000_000)
/// noon.adding(milliseconds: 60_000).milliseconds(since: noon)  // 60_000
/// ```
public struct Timestamp: Hashable, Comparable, Sendable, Codable {
    public var millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }

    /// This moment moved by `milliseconds` (negative: earlier), saturating at the ends of `Int64`.
    public func adding(milliseconds: Int64) -> Timestamp {
        let (sum, overflow) = millisecondsSince1970.addingReportingOverflow(milliseconds)
        guard overflow else { return Timestamp(millisecondsSince1970: sum) }
        return Timestamp(millisecondsSince1970: milliseconds > 0 ? .max : .min)
    }

    /// The milliseconds from `earlier` to this moment (negative when `earlier` is later),
    /// saturating at the ends of `Int64`.
    public func milliseconds(since earlier: Timestamp) -> Int64 {
        let (difference, overflow) = millisecondsSince1970.subtractingReportingOverflow(earlier.millisecondsSince1970)
        guard overflow else { return difference }
        return earlier.millisecondsSince1970 < 0 ? .max : .min
    }

    public init(from decoder: any Decoder) throws {
        millisecondsSince1970 = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(millisecondsSince1970)
    }
}

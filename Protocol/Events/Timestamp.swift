/// A moment in time, as milliseconds since 1970-01-01T00:00:00Z.
///
/// Time enters the core only as values like this one; nothing in `LantianProtocol` reads a clock.
///
/// ```swift
/// let noon = Timestamp(millisecondsSince1970: 1_780_000_000_000)
/// ```
public struct Timestamp: Hashable, Comparable, Sendable, Codable {
    public var millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }

    public init(from decoder: any Decoder) throws {
        millisecondsSince1970 = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(millisecondsSince1970)
    }
}

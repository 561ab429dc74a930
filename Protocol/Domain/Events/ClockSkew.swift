/// How far a device's wall clock was from the server's when they last spoke: positive when the
/// device is ahead. A wrong clock is flagged, never refused: events are ordered by their hybrid
/// clock (``HybridTimestamp``), and a skewed device only makes its own `recordedAt` untrustworthy.
///
/// ```swift
/// let skew = ClockSkew(device: deviceSaid, server: now)
/// if skew.isFlagged { print("clock off by", skew.milliseconds) }
/// ```
public struct ClockSkew: Hashable, Sendable, Codable {
    /// Clocks this close are taken to agree (phones set by hand, a slow network).
    public static let tolerance: Int64 = 5 * 60 * 1000

    public var milliseconds: Int64

    /// A skew of `milliseconds` (the device's clock ahead of the server's when positive).
    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    /// The skew of a device that said `device` when the server's clock read `server`; `nil` when the
    /// device said nothing (a zero clock).
    public init?(device: Timestamp, server: Timestamp) {
        guard device.millisecondsSince1970 > 0 else { return nil }
        milliseconds = device.millisecondsSince1970 &- server.millisecondsSince1970
    }

    /// Whether the clocks differ by more than ``tolerance``.
    public var isFlagged: Bool { milliseconds.magnitude > Self.tolerance.magnitude }

    public init(from decoder: any Decoder) throws {
        milliseconds = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(milliseconds)
    }
}

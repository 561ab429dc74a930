/// A hybrid logical clock reading (Kulkarni et al., 2014): wall-clock milliseconds plus a counter.
///
/// Every event a device records gets a timestamp greater than every event that device has seen,
/// even if its wall clock runs behind, so the canonical order respects causality.
///
/// Readings are total: a wall time outside `0…maxWallMilliseconds` is clamped into it, and the
/// largest reading stays the largest rather than trapping. Servers refuse events whose reading
/// lies too far ahead (``EventBounds``), so no replica's clock is ever dragged to the end.
///
/// ```swift
/// let first = HybridTimestamp.zero.next(now: Timestamp(millisecondsSince1970: 1_000))
/// let second = first.next(now: Timestamp(millisecondsSince1970: 999)) // clock went back
/// assert(second > first)
/// ```
public struct HybridTimestamp: Hashable, Comparable, Sendable {
    /// The largest wall-clock value that packs into a positive 64-bit integer.
    public static let maxWallMilliseconds: Int64 = (1 << 47) - 1

    public static let zero = HybridTimestamp(wallMilliseconds: 0, counter: 0)
    /// The largest reading there is: `next` cannot go beyond it.
    public static let max = HybridTimestamp(wallMilliseconds: maxWallMilliseconds, counter: .max)

    public let wallMilliseconds: Int64
    public let counter: UInt16

    /// A reading; a wall time outside `0…maxWallMilliseconds` is clamped into it.
    public init(wallMilliseconds: Int64, counter: UInt16) {
        self.wallMilliseconds = Swift.min(Swift.max(wallMilliseconds, 0), Self.maxWallMilliseconds)
        self.counter = counter
    }

    /// The reading packed into one integer (`wall << 16 | counter`), ordered like the reading itself.
    public var packed: Int64 { wallMilliseconds << 16 | Int64(counter) }

    /// The wall time, as a timestamp.
    public var wallTime: Timestamp { Timestamp(millisecondsSince1970: wallMilliseconds) }

    /// Unpacks a reading; `nil` for a negative value, which no reading packs to.
    public init?(packed: Int64) {
        guard packed >= 0 else { return nil }
        self.init(wallMilliseconds: packed >> 16, counter: UInt16(truncatingIfNeeded: packed))
    }

    /// The reading for a new local event, given the latest reading this device knows of. At
    /// ``max`` it stays there (no store accepts an event that could bring a device this far).
    public func next(now: Timestamp) -> HybridTimestamp {
        let wall = Swift.min(Swift.max(now.millisecondsSince1970, 0), Self.maxWallMilliseconds)
        if wall > wallMilliseconds { return HybridTimestamp(wallMilliseconds: wall, counter: 0) }
        if counter < .max { return HybridTimestamp(wallMilliseconds: wallMilliseconds, counter: counter + 1) }
        if wallMilliseconds < Self.maxWallMilliseconds { return HybridTimestamp(wallMilliseconds: wallMilliseconds + 1, counter: 0) }
        return self
    }

    public static func < (lhs: HybridTimestamp, rhs: HybridTimestamp) -> Bool {
        lhs.packed < rhs.packed
    }
}

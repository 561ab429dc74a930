/// A hybrid logical clock reading (Kulkarni et al., 2014): wall-clock milliseconds plus a counter.
///
/// Every event a device records gets a timestamp greater than every event that device has seen,
/// even if its wall clock runs behind, so the canonical order respects causality.
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

    public var wallMilliseconds: Int64
    public var counter: UInt16

    public init(wallMilliseconds: Int64, counter: UInt16) {
        precondition((0...Self.maxWallMilliseconds).contains(wallMilliseconds), "HLC wall time out of range")
        self.wallMilliseconds = wallMilliseconds
        self.counter = counter
    }

    /// The reading packed into one integer (`wall << 16 | counter`), ordered like the reading itself.
    public var packed: Int64 { wallMilliseconds << 16 | Int64(counter) }

    /// Unpacks a reading; `nil` for a negative value, which no reading packs to.
    public init?(packed: Int64) {
        guard packed >= 0 else { return nil }
        self.init(wallMilliseconds: packed >> 16, counter: UInt16(truncatingIfNeeded: packed))
    }

    /// The reading for a new local event, given the latest reading this device knows of.
    public func next(now: Timestamp) -> HybridTimestamp {
        let wall = min(max(now.millisecondsSince1970, 0), Self.maxWallMilliseconds)
        if wall > wallMilliseconds { return HybridTimestamp(wallMilliseconds: wall, counter: 0) }
        if counter == .max { return HybridTimestamp(wallMilliseconds: wallMilliseconds + 1, counter: 0) }
        return HybridTimestamp(wallMilliseconds: wallMilliseconds, counter: counter + 1)
    }

    public static func < (lhs: HybridTimestamp, rhs: HybridTimestamp) -> Bool {
        lhs.packed < rhs.packed
    }
}

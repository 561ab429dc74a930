/// How long to wait before trying an unreachable server again: exponential, capped, with jitter,
/// so a thousand phones that lost the same tower do not all come back in the same millisecond.
///
/// ```swift
/// var backoff = Backoff()
/// let wait = backoff.nextDelay(using: &random)   // 50…100 ms, then 100…200 ms, … up to 800…1600 ms
/// backoff.reset()                                // after a successful connection
/// ```
public struct Backoff: Hashable, Sendable {
    public var initialMilliseconds: UInt64
    public var maximumMilliseconds: UInt64
    private var attempt: UInt64 = 0

    /// The cap is short on purpose: a failed attempt costs one TCP SYN, and a field officer whose
    /// signal returns should see their records leave within two seconds.
    public init(initialMilliseconds: UInt64 = 100, maximumMilliseconds: UInt64 = 1_600) {
        self.initialMilliseconds = initialMilliseconds
        self.maximumMilliseconds = max(maximumMilliseconds, initialMilliseconds)
    }

    /// The next delay: the current step's ceiling, doubled each attempt up to the cap, times a
    /// random factor in ½…1 ("equal jitter").
    public mutating func nextDelay(using random: inout some RandomNumberGenerator) -> UInt64 {
        let ceiling = min(initialMilliseconds << min(attempt, 32), maximumMilliseconds)
        attempt += 1
        return ceiling / 2 + UInt64.random(in: 0...(ceiling - ceiling / 2), using: &random)
    }

    public mutating func reset() { attempt = 0 }
}

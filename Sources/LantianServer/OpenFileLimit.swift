import Glibc

/// How many files (each connected device's socket is one) the server may have open at once.
/// A process starts with a soft limit often far below what the system allows (1,024 on Debian);
/// `lantiand serve` raises it to the hard limit, so a county's evening sync is not cut at the
/// thousandth device (README, *Using it*).
public struct OpenFileLimit: Hashable, Sendable {
    public var soft: UInt64
    public var hard: UInt64

    /// The limits now.
    public static func current() -> OpenFileLimit {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return OpenFileLimit(soft: 0, hard: 0) }
        return OpenFileLimit(soft: UInt64(limit.rlim_cur), hard: UInt64(limit.rlim_max))
    }

    /// Raises the soft limit to the hard one; returns the limits as they then stand.
    @discardableResult
    public static func raise() -> OpenFileLimit {
        let before = current()
        if before.soft < before.hard {
            var limit = rlimit(rlim_cur: rlim_t(before.hard), rlim_max: rlim_t(before.hard))
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return current()
    }

    /// About how many devices can be connected at once: each takes one descriptor, and the
    /// store, its journal, the listener and the loop take a few.
    public var devices: UInt64 { soft > 32 ? soft - 32 : 0 }
}

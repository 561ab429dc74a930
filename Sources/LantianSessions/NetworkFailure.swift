/// Why the network failed a session, as its driver saw it: the sessions themselves know no sockets.
///
/// ```swift
/// throw SyncError.unreachable(NetworkFailure("connect 127.0.0.1:7700: connection refused (ECONNREFUSED)"))
/// ```
public struct NetworkFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}

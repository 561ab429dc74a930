import Foundation
import LantianWire

/// Why a sync did not finish. Whatever was committed before it stays committed.
public enum SyncError: Error, Hashable, Sendable {
    /// Whether the network, not the server's judgement or this device, stopped the sync: it may
    /// well go through if tried again later. A message the server calls unexpected from a client
    /// that follows the protocol was disturbed on the way (a middlebox sending a frame twice).
    public var isNetworkFault: Bool {
        switch self {
        case .unreachable, .connectionClosed, .timedOut: true
        case .refused(let error): error.code == .unexpectedMessage
        default: false
        }
    }

    /// Whether a new session may succeed at once: the server said so, or the connection was disturbed.
    public var isWorthRetrying: Bool {
        guard case .refused(let error) = self else { return false }
        return error.code.isRetryable || error.code == .unexpectedMessage
    }

    /// The server could not be reached or the connection failed.
    case unreachable(NetworkFailure)
    /// The connection closed before the sync finished.
    case connectionClosed
    /// The server answered with an error.
    case refused(WireError)
    /// The server broke the protocol.
    case protocolViolation(String)
    /// The server stopped answering.
    case timedOut(seconds: Int)
    /// The local store failed.
    case storage(String)
    /// The local store is damaged: nothing was signed or sent from the damaged part; `lantian repair` salvages the rest.
    case damagedStore(String)
    /// The device has not been enrolled with a server (`lantian enroll`).
    case notEnrolled
    /// Pulled events do not check out against their devices' signatures: nothing of the page was
    /// stored. The server or the network altered them.
    case unverified(count: Int, first: String)
}

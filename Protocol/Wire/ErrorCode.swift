import LantianDomain
import LantianFraming

/// Why a peer refused something, as sent in an error frame; see PROTOCOL.md for the table.
public struct ErrorCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public var rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The bytes were not a valid frame or message. The connection is closed.
    public static let malformedFrame = ErrorCode(rawValue: 1)
    /// A frame's length prefix exceeded the limit. The connection is closed.
    public static let frameTooLarge = ErrorCode(rawValue: 2)
    /// No protocol version is supported by both peers.
    public static let unsupportedVersion = ErrorCode(rawValue: 3)
    /// A message arrived that the protocol does not allow at this point (for example a push before hello).
    public static let unexpectedMessage = ErrorCode(rawValue: 4)
    /// A push skipped sequence numbers; the message names the one the server expects.
    public static let sequenceGap = ErrorCode(rawValue: 5)
    /// A pushed event reuses an id or sequence number the server holds with different content.
    public static let conflict = ErrorCode(rawValue: 6)
    /// A pushed event is invalid (for example recorded by another device than the one connected).
    public static let invalidEvent = ErrorCode(rawValue: 7)
    /// The server failed to store or read; nothing was acknowledged, and trying again is safe.
    public static let serverFailure = ErrorCode(rawValue: 8)
    /// A blob was refused: larger than the server accepts, or its bytes do not hash to its digest
    /// (what was received of it is discarded). The connection stays open.
    public static let attachmentRefused = ErrorCode(rawValue: 9)

    /// The device could not be authenticated: not enrolled, revoked, or its signature does not
    /// verify with its key. No data is sent; the connection is closed.
    public static let unauthenticated = ErrorCode(rawValue: 10)
    /// An enrolment code was unknown, used or expired. The connection is closed.
    public static let enrolmentRefused = ErrorCode(rawValue: 11)
    /// A pushed batch does not carry its device's hash chain, or its signature does not verify
    /// with the device's key. Nothing of the batch is stored.
    public static let badSignature = ErrorCode(rawValue: 12)

    /// Whether the same request may succeed if sent again later.
    public var isRetryable: Bool { self == .serverFailure || self == .sequenceGap }

    public var description: String {
        switch self {
        case .malformedFrame: "malformed-frame"
        case .frameTooLarge: "frame-too-large"
        case .unsupportedVersion: "unsupported-version"
        case .unexpectedMessage: "unexpected-message"
        case .sequenceGap: "sequence-gap"
        case .conflict: "conflict"
        case .invalidEvent: "invalid-event"
        case .serverFailure: "server-failure"
        case .attachmentRefused: "attachment-refused"
        case .unauthenticated: "unauthenticated"
        case .enrolmentRefused: "enrolment-refused"
        case .badSignature: "bad-signature"
        default: "error-\(rawValue)"
        }
    }
}

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
    /// A fetched blob the server does not hold whole, or that no accepted event the user sees
    /// cites. The connection stays open.
    public static let notAvailable = ErrorCode(rawValue: 13)

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
        case .notAvailable: "not-available"
        default: "error-\(rawValue)"
        }
    }
}

extension ErrorCode {
    /// What the code means to the user of the refused device, and what to do.
    public func meaning(in language: Language) -> String {
        let say = language.say
        switch self {
        case .malformedFrame, .frameTooLarge: return say("收到的数据不成形", "what it received was not a valid message")
        case .unsupportedVersion: return say("双方没有共同支持的协议版本：请更新 lantian", "no protocol version is supported by both: update lantian")
        case .unexpectedMessage: return say("消息次序不对", "a message came out of order")
        case .sequenceGap: return say("记录序号不连续，将从缺口处重发", "the records' sequence numbers had a gap; they are sent again from it")
        case .conflict: return say("一条记录与服务器上同编号的记录内容不同", "a record differs from the one the server holds under its id")
        case .invalidEvent: return say("记录不符合要求", "a record is not valid")
        case .serverFailure: return say("服务器存储失败，未确认任何内容", "the server failed to store; nothing was acknowledged")
        case .attachmentRefused: return say("附件被拒收", "an attachment was refused")
        case .unauthenticated: return say("服务器不认可本设备（未入网、已吊销或密钥不符）：请联系管理员",
                                          "the server does not recognise this device (not enrolled, revoked, or another key): ask your administrator")
        case .enrolmentRefused: return say("入网码无效、已使用或已过期：请向管理员索取新的入网码",
                                           "the enrolment code is unknown, used or expired: ask your administrator for a new one")
        case .badSignature: return say("一批记录的签名或哈希链与设备密钥不符，未保存任何内容",
                                       "a batch's signature or hash chain does not match the device's key; nothing was stored")
        case .notAvailable: return say("服务器没有这份证据，或它不在您的管辖范围内",
                                       "the server does not hold this evidence, or it lies outside your scope")
        default: return say("错误 \(rawValue)", "error \(rawValue)")
        }
    }
}

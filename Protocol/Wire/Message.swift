import Foundation

/// Everything server and client say to each other, one message per frame.
///
/// A session: the client sends ``Hello``, the server answers ``Welcome``; the client pushes its
/// unacknowledged events in ``Push`` batches, each answered by ``PushAck`` after the server has
/// committed them; then it pulls ``Page``s of accepted events after its cursor until it has caught up.
public enum Message: Hashable, Sendable {
    case hello(Hello)
    case welcome(Welcome)
    case push(Push)
    case pushAck(PushAck)
    case pull(Pull)
    case page(Page)
    /// Are you there? Either side may ask; the other answers ``pong`` with the same nonce.
    case ping(nonce: UInt64)
    case pong(nonce: UInt64)
    case error(WireError)

    /// The message's name as PROTOCOL.md writes it.
    public var name: String {
        switch self {
        case .hello: "hello"
        case .welcome: "welcome"
        case .push: "push"
        case .pushAck: "push-ack"
        case .pull: "pull"
        case .page: "page"
        case .ping: "ping"
        case .pong: "pong"
        case .error: "error"
        }
    }
}

/// The client opens a session: the protocol versions it speaks, who it is, and how far it has recorded.
public struct Hello: Hashable, Sendable {
    public var versions: ClosedRange<UInt16>
    public var device: UUID
    public var actor: String
    /// The highest sequence number the device has recorded (0 for none): with what the server holds,
    /// it tells supervisors how many of the device's events are still waiting to arrive.
    public var recordedCseq: Int64

    public init(versions: ClosedRange<UInt16>, device: UUID, actor: String, recordedCseq: Int64 = 0) {
        self.versions = versions
        self.device = device
        self.actor = actor
        self.recordedCseq = recordedCseq
    }
}

/// The server accepts a session.
public struct Welcome: Hashable, Sendable {
    /// The protocol version both sides now speak.
    public var version: UInt16
    /// The server database's identity, fixed when it was created; a change means it was restored or replaced.
    public var epoch: UUID
    public var limits: WireLimits
    /// The highest sequence number of the client's device that the server holds.
    public var acknowledgedCseq: Int64

    public init(version: UInt16, epoch: UUID, limits: WireLimits, acknowledgedCseq: Int64) {
        self.version = version
        self.epoch = epoch
        self.limits = limits
        self.acknowledgedCseq = acknowledgedCseq
    }
}

/// A batch of the client device's own events, in sequence order.
public struct Push: Hashable, Sendable {
    public var events: [Event]
    public init(events: [Event]) { self.events = events }
}

/// The server has committed the device's events up to and including `acknowledgedCseq`: each is
/// stored, or refused for good and listed in `rejected` (quarantined), so one bad event never blocks the rest.
public struct PushAck: Hashable, Sendable {
    public var acknowledgedCseq: Int64
    public var rejected: [Rejection]

    public init(acknowledgedCseq: Int64, rejected: [Rejection] = []) {
        self.acknowledgedCseq = acknowledgedCseq
        self.rejected = rejected
    }
}

/// An event the server refused for good, and why.
public struct Rejection: Hashable, Sendable {
    public var cseq: Int64
    public var id: UUID
    public var reason: String

    public init(cseq: Int64, id: UUID, reason: String) {
        self.cseq = cseq
        self.id = id
        self.reason = reason
    }
}

/// Asks for accepted events with a global sequence number greater than `after`.
public struct Pull: Hashable, Sendable {
    public var after: Int64
    public var limit: UInt32

    public init(after: Int64, limit: UInt32) {
        self.after = after
        self.limit = limit
    }
}

/// Accepted events after the requested cursor, in global sequence order.
public struct Page: Hashable, Sendable {
    public var events: [AcceptedEvent]
    /// The server's highest global sequence number when the page was read.
    public var head: Int64

    public init(events: [AcceptedEvent], head: Int64) {
        self.events = events
        self.head = head
    }
}

/// A refusal: a code a program can act on and a message a person can read.
public struct WireError: Error, Hashable, Sendable {
    public var code: ErrorCode
    public var message: String

    public init(code: ErrorCode, message: String) {
        self.code = code
        self.message = message
    }
}

/// The sizes a server accepts, announced in ``Welcome``.
public struct WireLimits: Hashable, Sendable {
    public static let standard = WireLimits(maxFrameBytes: 4 << 20, maxBatch: 1_000)

    /// The largest frame body accepted.
    public var maxFrameBytes: UInt32
    /// The most events in one push or one page.
    public var maxBatch: UInt32

    public init(maxFrameBytes: UInt32, maxBatch: UInt32) {
        self.maxFrameBytes = maxFrameBytes
        self.maxBatch = maxBatch
    }
}

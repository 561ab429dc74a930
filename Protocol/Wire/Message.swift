import Foundation
import LantianDomain
import LantianFraming

/// Everything server and client say to each other, one message per frame.
///
/// A session: the server opens with a ``Challenge``; the client answers ``Hello``, signed with its
/// device key over the challenge, and the server answers ``Welcome``; the client pushes its
/// unacknowledged events in ``Push`` batches, each answered by ``PushAck`` after the server has
/// committed them; it uploads the blobs its evidence names in ``Chunk``s; then it pulls ``Page``s of
/// accepted events after its cursor until it has caught up, and may ``subscribe`` to hear of new ones.
/// A device not enrolled yet answers the challenge with ``Enrolment`` instead of hello.
public enum Message: Hashable, Sendable {
    case challenge(Challenge)
    case enrol(Enrolment)
    case enrolled(Enrolled)
    case hello(Hello)
    case welcome(Welcome)
    case push(Push)
    case pushAck(PushAck)
    case pull(Pull)
    case page(Page)
    /// Tell me whenever accepted events go beyond what I have been told of (answered by ``notify``).
    case subscribe
    /// The server's head moved: events up to global sequence `head` are there to pull.
    case notify(head: Int64)
    /// The client has a blob to upload; the server answers ``attachmentState``.
    case attachmentOffer(AttachmentOffer)
    /// How much of a blob the server holds; `received == size` means whole and verified.
    case attachmentState(AttachmentState)
    /// A piece of a blob at an offset; the server answers ``attachmentState`` once it is stored.
    case chunk(Chunk)
    /// How far does the server hold each of these devices' chains? (answered by ``held``)
    case heldQuery(devices: [UUID])
    /// The highest sequence number the server holds (stored or quarantined) of each device asked about.
    case held([ChainHead])
    /// Events of another device that a restored server lost and this client holds (answered by ``returnAck``).
    case returnEvents(Return)
    case returnAck(ReturnAck)
    /// Are you there? Either side may ask; the other answers ``pong`` with the same nonce.
    case ping(nonce: UInt64)
    case pong(nonce: UInt64)
    case error(WireError)

    /// The message's name as PROTOCOL.md writes it.
    public var name: String {
        switch self {
        case .challenge: "challenge"
        case .enrol: "enrol"
        case .enrolled: "enrolled"
        case .hello: "hello"
        case .welcome: "welcome"
        case .push: "push"
        case .pushAck: "push-ack"
        case .pull: "pull"
        case .page: "page"
        case .subscribe: "subscribe"
        case .notify: "notify"
        case .attachmentOffer: "attachment-offer"
        case .attachmentState: "attachment-state"
        case .chunk: "chunk"
        case .heldQuery: "held-query"
        case .held: "held"
        case .returnEvents: "return"
        case .returnAck: "return-ack"
        case .ping: "ping"
        case .pong: "pong"
        case .error: "error"
        }
    }
}

/// The server's first message on every connection: a fresh random nonce for the client to sign.
public struct Challenge: Hashable, Sendable {
    public static let nonceBytes = 32
    public var nonce: Data

    public init(nonce: Data) { self.nonce = nonce }

    /// A new random challenge.
    public static func random() -> Challenge {
        var random = SystemRandomNumberGenerator()
        return Challenge(nonce: Data((0..<nonceBytes).map { _ in UInt8.random(in: 0...255, using: &random) }))
    }
}

/// A device enrols with a one-time code an administrator issued (`lantiand enroll USER`): it
/// registers its public key, and proves it holds the private half by signing the challenge.
public struct Enrolment: Hashable, Sendable {
    public var code: String
    public var device: UUID
    public var publicKey: Data
    /// The device key's signature over ``SessionProof/enrolment(nonce:device:publicKey:)``.
    public var proof: Data

    public init(code: String, device: UUID, publicKey: Data, proof: Data) {
        self.code = code
        self.device = device
        self.publicKey = publicKey
        self.proof = proof
    }
}

/// The server enrolled the device for `user`; the client keeps the server's device and key to
/// check the server's own events (the grid, users, enrolments) with.
public struct Enrolled: Hashable, Sendable {
    public var user: String
    public var serverDevice: UUID
    public var serverKey: Data

    public init(user: String, serverDevice: UUID, serverKey: Data) {
        self.user = user
        self.serverDevice = serverDevice
        self.serverKey = serverKey
    }
}

/// The client opens a session: the protocol versions it speaks, who it is, and how far it has recorded.
public struct Hello: Hashable, Sendable {
    public var versions: ClosedRange<UInt16>
    public var device: UUID
    /// The device id the key was enrolled under. The same as `device` unless the store was
    /// restored from an older copy and took a new device id (PROTOCOL.md, *Restored devices*).
    public var credential: UUID
    public var actor: String
    /// The device key's signature over ``SessionProof/hello(nonce:credential:device:)``.
    public var proof: Data
    /// The highest sequence number the device has recorded (0 for none): with what the server holds,
    /// it tells supervisors how many of the device's events are still waiting to arrive.
    public var recordedCseq: Int64
    /// The client's pull cursor (0 for none) and the id of the event it pulled at that position:
    /// the server checks it still holds that event there, which a server restored from an older
    /// backup does not.
    public var cursor: Int64
    public var cursorEvent: UUID?
    /// The device's wall clock as it sent hello: the server compares it with its own to flag a
    /// device whose clock is wrong (nothing is refused for it).
    public var clock: Timestamp

    public init(versions: ClosedRange<UInt16>, device: UUID, credential: UUID? = nil, actor: String, proof: Data = Data(),
                recordedCseq: Int64 = 0, cursor: Int64 = 0, cursorEvent: UUID? = nil,
                clock: Timestamp = Timestamp(millisecondsSince1970: 0)) {
        self.versions = versions
        self.device = device
        self.credential = credential ?? device
        self.actor = actor
        self.proof = proof
        self.recordedCseq = recordedCseq
        self.cursor = cursor
        self.cursorEvent = cursorEvent
        self.clock = clock
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
    /// The id of the event the server holds at `acknowledgedCseq` (`nil` for none): a device whose
    /// own event there differs, or that has recorded less, was restored from an older copy of its store.
    public var acknowledgedEvent: UUID?
    /// The server's highest global sequence number.
    public var head: Int64
    /// Whether the server holds the client's cursor event at the client's cursor; if not, the client
    /// pulls again from 0 (a server restored from an older backup numbers new events afresh).
    public var cursorKnown: Bool
    /// The server's wall clock as it sent welcome, for the client to warn its user of a wrong clock.
    public var clock: Timestamp

    public init(version: UInt16, epoch: UUID, limits: WireLimits, acknowledgedCseq: Int64, acknowledgedEvent: UUID? = nil,
                head: Int64 = 0, cursorKnown: Bool = true, clock: Timestamp = Timestamp(millisecondsSince1970: 0)) {
        self.version = version
        self.epoch = epoch
        self.limits = limits
        self.acknowledgedCseq = acknowledgedCseq
        self.acknowledgedEvent = acknowledgedEvent
        self.head = head
        self.cursorKnown = cursorKnown
        self.clock = clock
    }
}

/// A batch of the client device's own events, in sequence order, and the device key's signature
/// over the chain at the last of them (``ChainSignature``).
public struct Push: Hashable, Sendable {
    public var events: [Event]
    public var signature: Data

    public init(events: [Event], signature: Data = Data()) {
        self.events = events
        self.signature = signature
    }

    /// The signature as a ``ChainSignature`` over the batch's last event; `nil` for an empty batch.
    public var headSignature: ChainSignature? {
        events.last.map { ChainSignature(device: $0.device, cseq: $0.cseq, signature: signature) }
    }
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

/// Accepted events after the requested cursor that the client's user may see, in global sequence
/// order, with the proofs that let the client check each against its device's signature.
public struct Page: Hashable, Sendable {
    public var events: [AcceptedEvent]
    /// The server's highest global sequence number when the page was read.
    public var head: Int64
    public var proofs: [ChainProof]

    public init(events: [AcceptedEvent], head: Int64, proofs: [ChainProof] = []) {
        self.events = events
        self.head = head
        self.proofs = proofs
    }
}

/// A blob the client holds whole: its digest and size.
public struct AttachmentOffer: Hashable, Sendable {
    public var digest: ContentDigest
    public var size: Int64

    public init(digest: ContentDigest, size: Int64) {
        self.digest = digest
        self.size = size
    }
}

/// How many leading bytes of a blob the server holds: the offset to resume uploading from.
public struct AttachmentState: Hashable, Sendable {
    public var digest: ContentDigest
    public var size: Int64
    /// Bytes held, from the start; equal to `size` once the blob is whole and its hash verified.
    public var received: Int64

    public init(digest: ContentDigest, size: Int64, received: Int64) {
        self.digest = digest
        self.size = size
        self.received = received
    }

    public var isComplete: Bool { received == size }
}

/// Bytes of a blob starting at `offset`.
public struct Chunk: Hashable, Sendable {
    public var digest: ContentDigest
    public var offset: Int64
    public var bytes: Data

    public init(digest: ContentDigest, offset: Int64, bytes: Data) {
        self.digest = digest
        self.offset = offset
        self.bytes = bytes
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
    /// The most bytes in one chunk of a blob.
    public static let chunkBytes = 256 << 10
    /// The largest blob a server accepts (a photo or a short video clip).
    public static let maxAttachmentBytes = ContentDigest.maxBlobBytes

    /// The largest frame body accepted.
    public var maxFrameBytes: UInt32
    /// The most events in one push or one page.
    public var maxBatch: UInt32

    public init(maxFrameBytes: UInt32, maxBatch: UInt32) {
        self.maxFrameBytes = maxFrameBytes
        self.maxBatch = maxBatch
    }
}

/// How far one device's chain is held: its highest sequence number (0 for none).
public struct ChainHead: Hashable, Sendable {
    public var device: UUID
    public var cseq: Int64

    public init(device: UUID, cseq: Int64) {
        self.device = device
        self.cseq = cseq
    }
}

/// Events of `device` (not the session's own) that the server lost when it was restored from a
/// backup and this client holds, going on from where the server's chain of that device ends, with
/// the device's signature over the last (one the client received with a page).
public struct Return: Hashable, Sendable {
    public var device: UUID
    public var events: [Event]
    public var signature: Data

    public init(device: UUID, events: [Event], signature: Data) {
        self.device = device
        self.events = events
        self.signature = signature
    }
}

/// The server committed a ``Return``: how far it now holds the device's chain, and the events of it
/// it refused (quarantined).
public struct ReturnAck: Hashable, Sendable {
    public var device: UUID
    public var acknowledgedCseq: Int64
    public var rejected: [Rejection]

    public init(device: UUID, acknowledgedCseq: Int64, rejected: [Rejection] = []) {
        self.device = device
        self.acknowledgedCseq = acknowledgedCseq
        self.rejected = rejected
    }
}

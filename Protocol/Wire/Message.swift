import Foundation
import LantianDomain
import LantianFraming

/// Everything server and client say to each other, one message per frame.
///
/// A session: the server opens with a ``Challenge``; the client answers ``Hello``, signed with its
/// device key over the challenge, and the server answers ``Welcome``; the client pushes its
/// unacknowledged events in ``Push`` batches, each answered by ``PushAck`` after the server has
/// committed them; it uploads the blobs its evidence names in ``Chunk``s (and may ``Fetch`` those of
/// others); then it pulls ``Page``s of
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
    /// A piece of a blob at an offset. From a client: the server answers ``attachmentState`` once it
    /// is stored. From a server: the answer to ``fetch``.
    case chunk(Chunk)
    /// A client asks for a blob from an offset (version 4); the server answers one ``chunk`` of it.
    case fetch(Fetch)
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
        case .fetch: "fetch"
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

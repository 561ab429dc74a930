import Foundation
import LantianProtocol
import LantianStore
import LantianTransport

/// The client's side of one sync session, without sockets: push every unacknowledged event in
/// batches, then pull pages until caught up.
///
/// ```swift
/// let session = ClientSession(store: store, device: device, purpose: .sync)
/// send(session.start())
/// while case .send(let message) = try session.handle(receive()) { send(message) }
/// ```
public final class ClientSession {
    public enum Purpose: Sendable {
        /// Push and pull until caught up.
        case sync
        /// Only say hello and hear the server's welcome: is it there, and which one is it?
        case handshake
    }

    public enum Step: Hashable, Sendable {
        case send(Message)
        case finished(SyncReport)
        /// Nothing to do but wait for the next message.
        case wait
    }

    private let store: EventStore
    private let device: LocalDevice
    private let purpose: Purpose
    private var limits = WireLimits.standard
    private var report = SyncReport()
    private var pushing: [Event] = []
    private var cursor: Int64 = 0

    public init(store: EventStore, device: LocalDevice, purpose: Purpose) {
        self.store = store
        self.device = device
        self.purpose = purpose
    }

    /// The first message of the session.
    public func start() throws(SyncError) -> Message {
        let recorded: Int64
        do { recorded = try store.highestCseq(of: device.id) } catch { throw .storage(String(describing: error)) }
        return .hello(Hello(versions: MessageCodec.versions, device: device.id, actor: device.actor, recordedCseq: recorded))
    }

    /// The next step after the server's `message`.
    public func handle(_ message: Message) throws(SyncError) -> Step {
        do {
            switch message {
            case .welcome(let welcome):
                return try welcomed(welcome)
            case .pushAck(let ack):
                return try acknowledged(ack)
            case .page(let page):
                return try received(page)
            case .ping(let nonce):
                return .send(.pong(nonce: nonce))
            case .pong:
                return .wait
            case .error(let error):
                throw SyncError.refused(error)
            case .hello, .push, .pull:
                throw SyncError.protocolViolation("the server sent \(message.name), which only a client sends")
            }
        } catch let error as SyncError {
            throw error
        } catch {
            throw SyncError.storage(String(describing: error))
        }
    }

    /// The answer to a frame from the server that could not be decoded.
    public func handle(malformed error: WireFormatError) -> SyncError {
        .protocolViolation("the server sent a malformed message: \(error)")
    }

    private func welcomed(_ welcome: Welcome) throws -> Step {
        report.serverEpoch = welcome.epoch
        limits = welcome.limits
        if purpose == .handshake { return .finished(report) }
        try store.noteServer(epoch: welcome.epoch, acknowledgedCseq: welcome.acknowledgedCseq)
        cursor = try store.syncState().cursor
        return try pushNext(after: welcome.acknowledgedCseq)
    }

    private func acknowledged(_ ack: PushAck) throws -> Step {
        guard let last = pushing.last, ack.acknowledgedCseq >= last.cseq else {
            throw SyncError.protocolViolation("the server acknowledged cseq \(ack.acknowledgedCseq), short of the batch it was sent")
        }
        try store.noteAcknowledged(through: ack.acknowledgedCseq)
        try store.noteRejected(ack.rejected, device: device.id, at: .now())
        report.rejected += ack.rejected.count
        report.pushed += pushing.count - ack.rejected.count
        pushing = []
        return try pushNext(after: ack.acknowledgedCseq)
    }

    private func pushNext(after cseq: Int64) throws -> Step {
        let candidates = try store.events(of: device.id, after: cseq, limit: Int(limits.maxBatch))
        var budget = Int(limits.maxFrameBytes) - MessageCodec.envelopeBytes
        pushing = Array(candidates.prefix { event in
            budget -= MessageCodec.encodedBytes(of: event)
            return budget >= 0
        })
        if pushing.isEmpty, let oversized = candidates.first {
            throw SyncError.protocolViolation("event \(oversized.id) is larger than the server's frame limit")
        }
        if pushing.isEmpty { return pullNext() }
        return .send(.push(Push(events: pushing)))
    }

    private func pullNext() -> Step {
        .send(.pull(Pull(after: cursor, limit: limits.maxBatch)))
    }

    private func received(_ page: Page) throws -> Step {
        report.pulled += try store.storePulled(page)
        cursor = try store.syncState().cursor
        report.cursor = cursor
        if page.events.isEmpty || cursor >= page.head { return .finished(report) }
        return pullNext()
    }
}

/// What one sync did.
public struct SyncReport: Hashable, Sendable {
    /// Events of this device the server acknowledged in this sync.
    public var pushed = 0
    /// Events of other devices stored in this sync.
    public var pulled = 0
    /// Events of this device the server refused for good (now in the quarantine list).
    public var rejected = 0
    /// The global sequence number pulled up to.
    public var cursor: Int64?
    public var serverEpoch: UUID?

    public init() {}
}

/// Why a sync did not finish. Whatever was committed before it stays committed.
public enum SyncError: Error, Hashable, Sendable {
    /// The server could not be reached or the connection failed.
    case unreachable(TransportError)
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
}

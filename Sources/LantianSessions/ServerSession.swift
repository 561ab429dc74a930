import Foundation
import LantianDomain
import LantianFraming
import LantianStore
import LantianWire

/// The server's side of one sync session, without sockets: each message in, the answer out.
///
/// The server opens with a ``Challenge`` (``greeting()``). The client answers ``Hello`` signed with
/// its enrolled device key, or ``Enrolment`` with a one-time code. A device that is not enrolled,
/// is revoked or signs with another key is refused and told nothing. After ``Welcome`` the client
/// may push and pull in any order: pushed batches are checked (chain, signature, role, scope) and
/// committed before they are acknowledged; pages carry only what the user's scope covers.
///
/// ```swift
/// let session = ServerSession(store: store, server: identity, limits: .standard, clock: { now })
/// send(session.greeting())                     // .challenge(…)
/// let reply = session.handle(.hello(hello))    // .send(.welcome(…))
/// ```
public final class ServerSession {
    /// What to do after handling a message.
    public enum Reply: Hashable, Sendable {
        case send(Message)
        /// Send the message, then close the connection: the session cannot go on.
        case sendAndClose(Message)
        case close
        /// Nothing to answer.
        case nothing
    }

    /// The server's protocol versions.
    public static let versions = MessageCodec.versions

    /// The client, once it has said hello and been authenticated.
    public private(set) var peer: Hello?
    /// The protocol version agreed at welcome.
    private var version: UInt16 = 0
    /// What the peer's pushes are checked against; its scope also decides what its pulls see.
    private var check: PushCheck?
    private let challenge = Challenge.random()
    /// The highest of the client device's sequence numbers the server has handled, as last told to it.
    private var acknowledged: Int64 = 0
    /// Events this session has stored (not counting resends).
    public private(set) var acceptedCount = 0
    /// How far the client's clock was from the server's at hello (`nil` if it did not say).
    public private(set) var clockSkew: ClockSkew?
    /// Whether the client pushed or pulled, rather than only said hello.
    public private(set) var synced = false
    /// Whether the client asked to hear of new events.
    public private(set) var subscribed = false
    /// Whether the client takes its pages deflated (version 4): the connection's driver encodes them so.
    public private(set) var deflatesPages = false
    /// The global sequence number the client has pulled through or been told of.
    private var known: Int64 = 0
    /// Called when this session stored something every replica should pull (events, a blob's arrival).
    public var onHeadMoved: (() -> Void)?

    private let store: EventStore
    private let limits: WireLimits
    private let clock: () -> Timestamp
    /// The server's own device and key, which record enrolments and the arrival of blobs.
    private let server: ServerIdentity

    /// The connection's TLS channel binding, which the client's proof must cover (empty on a plaintext connection).
    private let channelBinding: Data
    /// The TLS key the server will move to, announced in welcome.
    private let nextServerTLSKey: Data?

    /// - Parameters:
    ///   - channelBinding: the connection's TLS exporter value (``SessionProof``); empty without TLS.
    ///   - nextServerTLSKey: the fingerprint of the TLS key the server will move to, if one is ready.
    public init(store: EventStore, server: ServerIdentity, limits: WireLimits, clock: @escaping () -> Timestamp,
                channelBinding: Data = Data(), nextServerTLSKey: Data? = nil) {
        self.store = store
        self.server = server
        self.limits = limits
        self.clock = clock
        self.channelBinding = channelBinding
        self.nextServerTLSKey = nextServerTLSKey
    }

    /// The first message on a new connection: the challenge the client must sign.
    public func greeting() -> Message { .challenge(challenge) }

    /// The message that tells a subscribed client of events beyond what it knows, if there are any
    /// and, when `reach` says whom the new ones concern, they concern this user.
    public func notification(head: Int64, reach: EventReach? = nil) -> Message? {
        guard subscribed, head > known else { return nil }
        if let reach, !reach.concerns(visible: check?.scope.visibleNodes, user: check?.user.name) { return nil }
        known = head
        return .notify(head: head)
    }

    public func handle(_ message: Message) -> Reply {
        switch message {
        case .hello(let hello):
            return greet(hello)
        case .enrol(let enrolment):
            return enrol(enrolment)
        case .push(let push):
            guard let peer else { return refuse(.unexpectedMessage, "send hello before push", close: true) }
            synced = true
            return accept(push, from: peer)
        case .pull(let pull):
            guard let peer else { return refuse(.unexpectedMessage, "send hello before pull", close: true) }
            guard pull.options.isEmpty || version >= 4 else {
                return refuse(.unexpectedMessage, "pull options need protocol version 4, this session speaks \(version)", close: true)
            }
            synced = true
            deflatesPages = pull.options.contains(.deflate)
            return page(after: pull, leavingOut: pull.options.contains(.leaveOutOwn) ? peer.device : nil)
        case .subscribe:
            guard peer != nil else { return refuse(.unexpectedMessage, "send hello before subscribe", close: true) }
            subscribed = true
            do {
                return notification(head: try store.head()).map(Reply.send) ?? .nothing
            } catch {
                return refuse(.serverFailure, "reading failed: \(error)", close: false)
            }
        case .attachmentOffer(let offer):
            guard peer != nil else { return refuse(.unexpectedMessage, "send hello before attachment-offer", close: true) }
            return receiving { try store.beginReceiving(offer) }
        case .chunk(let chunk):
            guard peer != nil else { return refuse(.unexpectedMessage, "send hello before chunk", close: true) }
            return receiving {
                let state = try store.receive(chunk, recordingArrivalAs: server, now: clock())
                if state.isComplete, chunk.offset + Int64(chunk.bytes.count) == state.size { onHeadMoved?() }
                return state
            }
        case .fetch(let fetch):
            guard peer != nil else { return refuse(.unexpectedMessage, "send hello before fetch", close: true) }
            guard version >= 4 else { return refuse(.unexpectedMessage, "fetch needs protocol version 4, this session speaks \(version)", close: true) }
            return fetching(fetch)
        case .heldQuery(let devices):
            guard peer != nil else { return refuse(.unexpectedMessage, "send hello before held-query", close: true) }
            guard devices.count <= Int(limits.maxBatch) else {
                return refuse(.invalidEvent, "a held-query asks about at most \(limits.maxBatch) devices, this one \(devices.count)", close: false)
            }
            do {
                return .send(.held(try store.heldHeads(of: devices)))
            } catch {
                return refuse(.serverFailure, "reading failed: \(error)", close: false)
            }
        case .returnEvents(let returned):
            guard let peer else { return refuse(.unexpectedMessage, "send hello before return", close: true) }
            synced = true
            return takeBack(returned, from: peer)
        case .ping(let nonce):
            guard peer != nil else { return refuse(.unexpectedMessage, "send hello before ping", close: true) }
            return .send(.pong(nonce: nonce))
        case .pong:
            guard peer != nil else { return refuse(.unexpectedMessage, "send hello before pong", close: true) }
            return .nothing
        case .error:
            return .close
        case .challenge, .enrolled, .welcome, .pushAck, .page, .notify, .attachmentState, .held, .returnAck:
            return refuse(.unexpectedMessage, "only a server sends \(message.name)", close: true)
        }
    }

    /// What the server saw of the device in this session, for the sync backlog; `nil` before hello.
    public func report() throws -> DeviceSyncReported? {
        guard let peer else { return nil }
        return DeviceSyncReported(device: peer.device, actor: peer.actor, recordedCseq: peer.recordedCseq,
                                  acknowledgedCseq: try store.highestCseq(of: peer.device), synced: synced, clockSkew: clockSkew)
    }

    /// The answer to a frame whose body is not a valid message.
    public func handle(malformed error: WireFormatError) -> Reply {
        refuse(.malformedFrame, "malformed message: \(error)", close: true)
    }

    /// The answer to a byte stream that breaks the frame layout.
    public func handle(badFrame error: FrameError) -> Reply {
        switch error {
        case .oversized(let declared, let max):
            refuse(.frameTooLarge, "frame of \(declared) bytes exceeds the limit of \(max) bytes", close: true)
        case .emptyBody:
            refuse(.malformedFrame, "empty frame: every frame carries a message type", close: true)
        }
    }

    private func greet(_ hello: Hello) -> Reply {
        guard peer == nil else { return refuse(.unexpectedMessage, "hello was already sent", close: true) }
        let lowest = max(hello.versions.lowerBound, Self.versions.lowerBound)
        let highest = min(hello.versions.upperBound, Self.versions.upperBound)
        guard lowest <= highest else {
            return refuse(.unsupportedVersion, """
                no common protocol version: server speaks \(Self.versions.lowerBound)–\(Self.versions.upperBound), \
                client \(hello.versions.lowerBound)–\(hello.versions.upperBound)
                """, close: true)
        }
        do {
            if let refusal = try authenticate(hello) { return refuse(.unauthenticated, refusal, close: true) }
            acknowledged = try store.highestCseq(of: hello.device)
            let cursorKnown = try store.holds(hello.cursorEvent, at: hello.cursor)
            known = cursorKnown ? hello.cursor : 0
            peer = hello
            version = highest
            let now = clock()
            clockSkew = ClockSkew(device: hello.clock, server: now)
            var welcome = Welcome(
                version: highest, epoch: store.epoch, limits: limits, acknowledgedCseq: acknowledged,
                acknowledgedEvent: try store.eventID(of: hello.device, at: acknowledged),
                head: try store.head(), cursorKnown: cursorKnown, clock: now)
            welcome.nextServerTLSKey = nextServerTLSKey
            return .send(.welcome(welcome))
        } catch {
            return refuse(.serverFailure, "cannot read the store: \(error)", close: true)
        }
    }

    /// Why the device that said `hello` may not sync (`nil` if it may), having checked its
    /// signature over the challenge with its enrolled key. A device restored from an older copy
    /// says hello under a new id with its original credential: it is enrolled again under that id.
    private func authenticate(_ hello: Hello) throws -> String? {
        let credentialID = hello.credential.uuidString.lowercased()
        guard let credential = try store.enrolledDevice(hello.credential), credential.enrolment.credential == hello.credential else {
            return "device \(credentialID) is not enrolled with this server: enrol it with a code from your administrator (lantian enroll)"
        }
        let enrolment = credential.enrolment
        let proof = SessionProof.hello(nonce: challenge.nonce, channel: channelBinding, credential: hello.credential, device: hello.device)
        guard DeviceKey.isValid(hello.proof, of: proof, publicKey: enrolment.publicKey) else {
            return "device \(credentialID) did not sign with the key it was enrolled with: its key file is not the one enrolled; enrol it again with a new code"
        }
        if let revocation = credential.revocation {
            return "device \(credentialID) was revoked on \(BeijingTime.format(revocation.at)) (\(revocation.reason)): it can no longer sync; ask your administrator to enrol it again"
        }
        guard hello.actor == enrolment.user else {
            return "device \(credentialID) is enrolled for \(enrolment.user), not \(hello.actor)"
        }
        guard let user = try store.user(named: enrolment.user) else {
            return "user \(enrolment.user) is no longer registered: ask your administrator"
        }
        if hello.device != hello.credential {
            if let existing = try store.enrolledDevice(hello.device) {
                guard existing.enrolment.credential == hello.credential else {
                    return "device \(hello.device.uuidString.lowercased()) belongs to another enrolment"
                }
            } else {
                let continued = try DeviceEnrolled(device: hello.device, user: user.name, publicKey: enrolment.publicKey,
                                                   credential: hello.credential)
                try store.recordAccepted([try EventDraft(subject: hello.device, payload: continued)], as: server, now: clock())
                onHeadMoved?()
            }
        }
        check = PushCheck(publicKey: enrolment.publicKey, user: user, grid: try store.grid())
        return nil
    }

    private func enrol(_ enrolment: Enrolment) -> Reply {
        guard peer == nil else { return refuse(.unexpectedMessage, "an enrolled session cannot enrol again", close: true) }
        let proof = SessionProof.enrolment(nonce: challenge.nonce, channel: channelBinding, device: enrolment.device, publicKey: enrolment.publicKey)
        guard DeviceKey.isValid(enrolment.proof, of: proof, publicKey: enrolment.publicKey) else {
            return refuse(.enrolmentRefused, "the enrolment is not signed with the key it registers", close: true)
        }
        guard let code = EnrolmentCode(typed: enrolment.code) else {
            return refuse(.enrolmentRefused, "'\(enrolment.code)' is not an enrolment code: it has ten letters and digits, such as 7KQ2M-X9D4P (the pin that may follow stays on the device)", close: true)
        }
        do {
            let user = try store.enrol(enrolment, code: code, server: server, now: clock())
            onHeadMoved?()
            return .sendAndClose(.enrolled(Enrolled(user: user, serverDevice: server.device.id, serverKey: server.key.publicKey)))
        } catch let refusal as EnrolmentRefusal {
            return .sendAndClose(.error(WireError(refusal)))
        } catch {
            return failedToStore(error)
        }
    }

    private func accept(_ push: Push, from peer: Hello) -> Reply {
        guard push.events.count <= Int(limits.maxBatch) else {
            return refuse(.invalidEvent, "a push carries at most \(limits.maxBatch) events, this one \(push.events.count)", close: false)
        }
        guard let check else { return refuse(.unauthenticated, "the session is not authenticated", close: true) }
        do {
            let outcome = try store.accept(push, from: peer.device, checking: check, receivedAt: clock())
            let newlyRejected = outcome.rejected.filter { $0.cseq > acknowledged }.count
            let stored = Int(outcome.acknowledgedCseq - acknowledged) - newlyRejected
            acceptedCount += stored
            acknowledged = outcome.acknowledgedCseq
            if stored > 0 { onHeadMoved?() }
            return .send(.pushAck(PushAck(acknowledgedCseq: outcome.acknowledgedCseq, rejected: outcome.rejected)))
        } catch {
            return refused(error)
        }
    }

    /// Takes back events of another device that this server lost (it was restored from a backup)
    /// and the client holds: checked against that device's chain and key, and admitted as pushed.
    private func takeBack(_ returned: Return, from peer: Hello) -> Reply {
        guard returned.device != peer.device else {
            return refuse(.invalidEvent, "a device pushes its own events; it returns only other devices' events", close: false)
        }
        guard returned.events.count <= Int(limits.maxBatch) else {
            return refuse(.invalidEvent, "a return carries at most \(limits.maxBatch) events, this one \(returned.events.count)", close: false)
        }
        do {
            let check = ReturnCheck(keys: try store.deviceKeys(), serverKey: server.key.publicKey,
                                    directory: try store.directory(), grid: try store.grid())
            let before = try store.head()
            let outcome = try store.acceptReturned(returned, checking: check, receivedAt: clock())
            if try store.head() > before { onHeadMoved?() }
            return .send(.returnAck(ReturnAck(device: returned.device, acknowledgedCseq: outcome.acknowledgedCseq, rejected: outcome.rejected)))
        } catch {
            return refused(error)
        }
    }

    /// The answer to a batch that was refused whole (nothing of it stored), or to a failed write.
    private func refused(_ error: any Error) -> Reply {
        guard let error = error as? any PeerError else { return failedToStore(error) }
        return .send(.error(WireError(error)))
    }

    private func page(after pull: Pull, leavingOut device: UUID?) -> Reply {
        do {
            let limit = Int(min(max(pull.limit, 1), limits.maxBatch))
            let maxBytes = Int(limits.maxFrameBytes) - MessageCodec.envelopeBytes
            let page = try store.page(after: pull.after, limit: limit, maxBytes: maxBytes, visible: check?.scope.visibleNodes,
                                      reader: check?.user.name, leavingOut: device)
            known = max(known, page.events.last?.sseq ?? page.head)
            return .send(.page(page))
        } catch {
            return refuse(.serverFailure, "reading failed: \(error)", close: false)
        }
    }

    /// The piece of a blob a client asked for, if the user may see it (PROTOCOL.md, *Fetching evidence*).
    private func fetching(_ fetch: Fetch) -> Reply {
        do {
            guard let check, let held = try store.fetchable(fetch.digest, visible: check.scope.visibleNodes, reader: check.user.name),
                  fetch.offset < held.size else {
                return refuse(.notAvailable, """
                    no blob \(fetch.digest) from offset \(fetch.offset) is held whole here and cited by an accepted event this user sees
                    """, close: false)
            }
            let bytes = try store.attachmentBytes(fetch.digest, from: fetch.offset, maxBytes: WireLimits.chunkBytes)
            return .send(.chunk(Chunk(digest: fetch.digest, offset: fetch.offset, bytes: bytes)))
        } catch {
            return refuse(.serverFailure, "reading failed: \(error)", close: false)
        }
    }

    /// Runs one step of receiving a blob and answers with how much of it is held.
    private func receiving(_ step: () throws -> AttachmentState) -> Reply {
        do {
            return .send(.attachmentState(try step()))
        } catch {
            return refused(error)
        }
    }

    /// A write that failed and was rolled back: nothing of it was stored, and sending it again later is safe.
    private func failedToStore(_ error: any Error) -> Reply {
        guard case StoreError.diskFull = error else {
            return refuse(.serverFailure, "storing failed, nothing was acknowledged: \(error)", close: false)
        }
        return refuse(.serverFailure, """
            the server's disk is full: nothing of this was stored or acknowledged, and everything stored before is intact. \
            Try again later; the server's administrator must free space
            """, close: false)
    }

    private func refuse(_ code: ErrorCode, _ message: String, close: Bool) -> Reply {
        let error = Message.error(WireError(code: code, message: message))
        return close ? .sendAndClose(error) : .send(error)
    }
}

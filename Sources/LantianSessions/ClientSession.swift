import Foundation
import LantianDomain
import LantianFraming
import LantianStore
import LantianWire

/// The client's side of one sync session, without sockets: answer the server's challenge with a
/// hello signed by the device key, push every unacknowledged event in signed batches (up to the
/// server's window of them in flight before the first is acknowledged), upload the
/// blobs the server lacks, then pull pages until caught up, checking every pulled event against
/// its device's signature before storing it. Watching, it then subscribes, and goes round again
/// whenever the server announces new events or the device records some.
///
/// ```swift
/// let session = ClientSession(store: store, key: key, purpose: .sync)
/// _ = try session.start()
/// while case .send(let message) = try session.handle(receive()) { send(message) }
/// ```
public final class ClientSession {
    public enum Purpose: Hashable, Sendable {
        /// Push and pull until caught up.
        case sync
        /// Push this device's events and photos, and pull nothing: on a weak link the records go up
        /// first (a store rolled back to an older copy still pulls, as it must to record them again).
        case push
        /// Only say hello and hear the server's welcome: is it there, and which one is it?
        case handshake
        /// Sync, then stay connected: hear of new events from the server, and send new ones as they are recorded.
        case watch
        /// Enrol the device with a one-time code (its secret part), registering `key`'s public half;
        /// `server` is noted as the device's server, and the TLS key it presented is pinned, unless
        /// `certificateAuthorities` names a CA bundle to check it with from now on.
        case enrol(code: String, server: String, certificateAuthorities: String?)
        /// Only fetch these blobs (digest, and size as the server's arrival says), each from where
        /// a fetch cut short left it, each checked against its digest when whole (protocol version 4).
        case fetch([AttachmentOffer])
    }

    public enum Step: Hashable, Sendable {
        case send(Message)
        /// Several messages, to send in this order: push batches up to the server's window.
        case sendAll([Message])
        /// Send this now, then call ``proceed()`` for the work it was sent ahead of: the request
        /// for the next page goes out before the page just received is stored, so the server
        /// reads the next page while this device stores the last.
        case sendAhead(Message)
        case finished(SyncReport)
        /// Watching: caught up with the server for now; send `message` if any, then wait.
        case caughtUp(SyncReport, send: Message?)
        /// Nothing to do but wait for the next message.
        case wait
    }

    private enum Activity {
        case connecting, pushing, returning, uploading, pulling, fetching, idle
    }

    /// How far this session has got, for a progress display.
    public private(set) var progress = SyncProgress()
    private let store: EventStore
    /// The store's device, read when the session starts.
    private var device = LocalDevice(id: UUID(), actor: "", server: nil)
    private let purpose: Purpose
    private var limits = WireLimits.standard
    private var report = SyncReport()
    private var activity = Activity.connecting
    /// Push batches sent and not yet acknowledged, oldest first (at most the server's window).
    private var inFlight: [[Event]] = []
    private var acknowledged: Int64 = 0
    private var uploads: [AttachmentOffer] = []
    /// Blobs still to fetch, the one being fetched first.
    private var fetches: [AttachmentOffer] = []
    private var cursor: Int64 = 0
    /// A verified page whose successor was asked for before it was stored (``proceed()`` stores it).
    private var unstored: Page?
    /// What pulls ask of pages (version 4): deflated, and without this device's own events when
    /// it holds its chain whole as far as the server does.
    private var pullOptions: Pull.Options = []
    /// The server's highest global sequence number, as far as it has said.
    private var serverHead: Int64 = 0
    /// The device recorded events while the session was busy.
    private var recordedMeanwhile = false
    private var subscribed = false
    /// Events set aside (by this session or one cut short) wait to be recorded again once it catches up.
    private var holdsSetAside = false
    /// Returning to a restored server: the devices still to ask about, and how far the server holds
    /// each asked-about device whose events this store may hold beyond that.
    private var devicesToAsk: [UUID] = []
    private var heldByServer: [ChainHead] = []

    private let clock: () -> Timestamp
    private let key: DeviceKey
    /// Every enrolled device's public key, to check pulled events with.
    private var keys: [UUID: Data] = [:]

    /// The connection's TLS channel binding, which the proof of hello or enrolment covers (empty
    /// without TLS); set by the driver once connected, before the challenge arrives.
    public var channelBinding = Data()
    /// The TLS key the server presented on this connection (already checked by the transport).
    public var serverTLSKey: Data?

    public init(store: EventStore, key: DeviceKey, purpose: Purpose, clock: @escaping () -> Timestamp = Timestamp.now) {
        self.store = store
        self.key = key
        self.purpose = purpose
        self.clock = clock
    }

    /// Reads the store's device and waits for the server's challenge.
    public func start() throws(SyncError) -> Step {
        let device: LocalDevice?
        do { device = try store.localDevice() } catch { throw .storage(String(describing: error)) }
        if case .enrol = purpose {
            self.device = device ?? self.device
            return .wait
        }
        guard let device, device.isEnrolled else { throw .notEnrolled }
        self.device = device
        return .wait
    }

    /// The answer to the server's challenge: a hello signed with the device key, or the enrolment.
    private func answer(_ challenge: Challenge) throws -> Step {
        if case .enrol(let code, _, _) = purpose {
            let proof = try key.sign(SessionProof.enrolment(nonce: challenge.nonce, channel: channelBinding, device: device.id, publicKey: key.publicKey))
            return .send(.enrol(Enrolment(code: code, device: device.id, publicKey: key.publicKey, proof: proof)))
        }
        let credential = device.credential ?? device.id
        let state = try store.syncState()
        return .send(.hello(Hello(
            versions: MessageCodec.versions, device: device.id, credential: credential, actor: device.actor,
            proof: try key.sign(SessionProof.hello(nonce: challenge.nonce, channel: channelBinding, credential: credential, device: device.id)),
            recordedCseq: try store.highestCseq(of: device.id),
            cursor: state.cursor, cursorEvent: state.cursorEvent, clock: clock())))
    }

    /// The next step after the server's `message`.
    public func handle(_ message: Message) throws(SyncError) -> Step {
        try storing {
            switch message {
            case .challenge(let challenge):
                return try answer(challenge)
            case .enrolled(let enrolled):
                guard case .enrol(_, let server, let certificateAuthorities) = purpose else {
                    throw SyncError.protocolViolation("the server sent enrolled to a device that did not enrol")
                }
                device = try store.noteEnrolled(enrolled, device: device.id, server: server,
                                                tlsKey: certificateAuthorities == nil ? serverTLSKey : nil,
                                                certificateAuthorities: certificateAuthorities)
                report.enrolledAs = enrolled.user
                return .finished(report)
            case .welcome(let welcome):
                return try welcomed(welcome)
            case .pushAck(let ack):
                return try acknowledged(ack)
            case .attachmentState(let state):
                return try uploaded(state)
            case .chunk(let chunk):
                return try fetched(chunk)
            case .error(let error) where activity == .fetching && error.code == .notAvailable:
                return try fetchNext(unavailable: true)
            case .page(let page):
                return try received(page)
            case .held(let heads):
                guard activity == .returning else { throw SyncError.protocolViolation("the server sent held, which was not asked for") }
                heldByServer = heads
                return try returnNext()
            case .returnAck(let ack):
                return try returned(ack)
            case .error(let error) where activity == .returning && [.conflict, .badSignature, .sequenceGap, .invalidEvent].contains(error.code):
                // The server will not take this device's events back (its chain forked, say): go on with the others.
                if !heldByServer.isEmpty { heldByServer.removeFirst() }
                return try returnNext()
            case .notify(let head):
                serverHead = max(serverHead, head)
                progress.pullTotal = max(progress.pullTotal, serverHead - cursor + Int64(progress.pulled))
                return activity == .idle ? pullNext() : .wait
            case .ping(let nonce):
                return .send(.pong(nonce: nonce))
            case .pong:
                return .wait
            case .error(let error):
                throw SyncError.refused(error)
            case .hello, .enrol, .push, .pull, .subscribe, .attachmentOffer, .fetch, .heldQuery, .returnEvents:
                throw SyncError.protocolViolation("the server sent \(message.name), which only a client sends")
            }
        }
    }

    /// The work a ``Step/sendAhead(_:)`` was sent ahead of: stores the page received last.
    public func proceed() throws(SyncError) -> Step {
        try storing {
            guard let page = unstored else { return .wait }
            unstored = nil
            try storePage(page)
            return .wait
        }
    }

    /// Watching: the device recorded new events; push them now, or once the current step is done.
    public func deviceRecorded() throws(SyncError) -> Step {
        guard activity == .idle else {
            recordedMeanwhile = true
            return .wait
        }
        return try storing { try pushNext() }
    }

    /// The answer to a frame from the server that could not be decoded.
    public func handle(malformed error: WireFormatError) -> SyncError {
        .protocolViolation("the server sent a malformed message: \(error)")
    }

    private func storing(_ step: () throws -> Step) throws(SyncError) -> Step {
        do {
            return try step()
        } catch let error as SyncError {
            throw error
        } catch let error as StoreError {
            switch error {
            case .damaged(let detail): throw SyncError.damagedStore(detail)
            case .corruptEvent(let id, let reason): throw SyncError.damagedStore("event \(id.map { $0.uuidString.lowercased() } ?? "?"): \(reason)")
            default: throw SyncError.storage(error.description)
            }
        } catch {
            throw SyncError.storage(String(describing: error))
        }
    }

    private func welcomed(_ welcome: Welcome) throws -> Step {
        report.serverEpoch = welcome.epoch
        report.clockSkew = ClockSkew(device: clock(), server: welcome.clock)
        limits = welcome.limits
        if serverTLSKey != nil { try store.noteServerTLSKeys(presented: serverTLSKey, next: welcome.nextServerTLSKey) }
        if purpose == .handshake { return .finished(report) }
        if case .fetch(let blobs) = purpose {
            guard welcome.version >= 4 else { throw SyncError.serverTooOld(speaks: welcome.version, needed: 4) }
            fetches = blobs
            return try fetchNext()
        }
        keys = try store.deviceKeys().publicKeys
        let confirmedToThisCopy = try store.syncState().acknowledgedCseq
        let rolledBack = try store.wasRolledBack(device: device.id, serverAcknowledged: welcome.acknowledgedCseq,
                                                 at: welcome.acknowledgedEvent)
        try store.noteServer(welcome)
        cursor = try store.syncState().cursor
        acknowledged = welcome.acknowledgedCseq
        serverHead = welcome.head
        progress.pullTotal = max(serverHead - cursor, 0)
        if welcome.version >= 4 {
            pullOptions = .deflate
            if !rolledBack, try store.holdsWholeChain(of: device.id, through: welcome.acknowledgedCseq) { pullOptions.insert(.leaveOutOwn) }
        }
        if rolledBack {
            // This store is an older copy: its new events clash with what the server holds from
            // it. Set them aside under a new device id, pull, then record them again (caughtUp).
            report.replacedDevice = device.id
            device = try store.setAsideAfterRollback(acknowledged: confirmedToThisCopy)
            holdsSetAside = true
            return pullNext()
        }
        holdsSetAside = try store.setAsideCount() > 0  // left by a session cut before it caught up
        return try pushNext()
    }

    /// Sends the next batches of unacknowledged events, until the server's window is full; once
    /// none is in flight and none is left, goes on to returns and uploads.
    private func pushNext() throws -> Step {
        activity = .pushing
        recordedMeanwhile = false
        var batches: [Message] = []
        while inFlight.count < max(Int(limits.window), 1) {
            do {
                guard let batch = try nextBatch() else { break }
                batches.append(batch)
            } catch where !(batches.isEmpty && inFlight.isEmpty) {
                break  // a later batch cannot be sent (a damaged event): the earlier ones go first, then it fails again
            }
        }
        switch batches.count {
        case 0: return inFlight.isEmpty ? try beginReturns() : .wait
        case 1: return .send(batches[0])
        default: return .sendAll(batches)
        }
    }

    /// The next batch after those in flight, signed, or `nil` when every event is sent.
    private func nextBatch() throws -> Message? {
        let after = inFlight.last?.last?.cseq ?? acknowledged
        let candidates = try store.events(of: device.id, after: after, limit: Int(limits.maxBatch))
        if progress.pushed == progress.pushTotal, inFlight.isEmpty, let first = candidates.first {  // a new backlog: count it once
            progress.pushTotal = progress.pushed + Int(try store.highestCseq(of: device.id) - first.cseq + 1)
        }
        var budget = Int(limits.maxFrameBytes) - MessageCodec.envelopeBytes
        let batch = Array(candidates.prefix { event in
            budget -= MessageCodec.encodedBytes(of: event)
            return budget >= 0
        })
        if batch.isEmpty, let oversized = candidates.first {
            throw SyncError.protocolViolation("event \(oversized.id) is larger than the server's frame limit")
        }
        guard let first = batch.first, let last = batch.last else { return nil }
        // Nothing is signed that is not exactly as it was recorded.
        if let damage = try store.firstDamagedEvent(of: device.id, from: first.cseq, through: last.cseq) {
            throw SyncError.damagedStore(damage.description)
        }
        let signature = try ChainSignature(signing: EventChain.hash(of: last), device: device.id, cseq: last.cseq, with: key)
        try store.keep(signature)
        inFlight.append(batch)
        return .push(Push(events: batch, signature: signature.signature))
    }

    /// The server's acknowledgement of the oldest batch in flight (acknowledgements are cumulative:
    /// one may cover more), then more batches while the window has room.
    private func acknowledged(_ ack: PushAck) throws -> Step {
        if ack.acknowledgedCseq <= acknowledged { return .wait }  // a copy of an earlier acknowledgement: nothing new
        guard activity == .pushing, let last = inFlight.first?.last, ack.acknowledgedCseq >= last.cseq else {
            throw SyncError.protocolViolation("the server acknowledged cseq \(ack.acknowledgedCseq), short of the batch it was sent")
        }
        try store.noteAcknowledged(through: ack.acknowledgedCseq)
        try store.noteRejected(ack.rejected, device: device.id, at: .now())
        acknowledged = ack.acknowledgedCseq
        report.rejected += ack.rejected.count
        while let batch = inFlight.first, let last = batch.last, last.cseq <= ack.acknowledgedCseq {
            report.pushed += batch.count
            progress.pushed += batch.count
            inFlight.removeFirst()
        }
        report.pushed -= ack.rejected.count
        return try pushNext()
    }

    /// After a server restore (or replacement), offers it what this store holds of other devices'
    /// chains beyond what it holds: the server's own events recorded after its backup, and those of
    /// devices that will not push them again (PROTOCOL.md, *Returns*). Then the uploads.
    private func beginReturns() throws -> Step {
        guard try store.returnPending() else { return try uploadNext(startingUploads: true) }
        devicesToAsk = try store.devicesHeld(excluding: device.id)
        heldByServer = []
        return try askNext()
    }

    private func askNext() throws -> Step {
        activity = .returning
        guard !devicesToAsk.isEmpty else {
            try store.noteReturnsDone()
            return try uploadNext(startingUploads: true)
        }
        let asking = Array(devicesToAsk.prefix(Int(limits.maxBatch)))
        devicesToAsk.removeFirst(asking.count)
        return .send(.heldQuery(devices: asking))
    }

    /// Returns the next run of events the server lacks, device by device; asks about more devices when done.
    private func returnNext() throws -> Step {
        let maxBytes = Int(limits.maxFrameBytes) - MessageCodec.envelopeBytes - 96
        while let head = heldByServer.first {
            if let run = try store.returnable(of: head.device, after: head.cseq, limit: Int(limits.maxBatch), maxBytes: maxBytes) {
                return .send(.returnEvents(run))
            }
            heldByServer.removeFirst()
        }
        return try askNext()
    }

    private func returned(_ ack: ReturnAck) throws -> Step {
        guard activity == .returning, let head = heldByServer.first, head.device == ack.device else {
            throw SyncError.protocolViolation("the server acknowledged a return that was not sent")
        }
        guard ack.acknowledgedCseq > head.cseq else { heldByServer.removeFirst(); return try returnNext() }  // nothing taken: go on
        report.returned += Int(ack.acknowledgedCseq - head.cseq) - ack.rejected.count
        heldByServer[0].cseq = ack.acknowledgedCseq
        return try returnNext()
    }

    private func uploadNext(startingUploads: Bool = false) throws -> Step {
        activity = .uploading
        if startingUploads {
            uploads = try store.attachmentsAwaitingUpload()
            progress.attachmentBytesTotal += uploads.reduce(0) { $0 + $1.size }
        }
        guard let next = uploads.first else { return purpose == .push ? .finished(report) : pullNext() }
        return .send(.attachmentOffer(next))
    }

    private func uploaded(_ state: AttachmentState) throws -> Step {
        guard activity == .uploading, let current = uploads.first, current.digest == state.digest else {
            throw SyncError.protocolViolation("the server sent the state of attachment \(state.digest), which was not offered")
        }
        if state.isComplete {
            uploads.removeFirst()
            report.attachments += 1
            return try uploadNext()
        }
        let bytes = try store.attachmentBytes(state.digest, from: state.received, maxBytes: WireLimits.chunkBytes)
        guard !bytes.isEmpty else { throw SyncError.storage("attachment \(state.digest) is not held whole on this device") }
        report.attachmentBytes += Int64(bytes.count)
        progress.attachmentBytesSent += Int64(bytes.count)
        return .send(.chunk(Chunk(digest: state.digest, offset: state.received, bytes: bytes)))
    }

    /// Asks for the next piece of the first blob not held whole here; finishes when none is left.
    /// `unavailable`: the server said it cannot give the first one.
    private func fetchNext(unavailable: Bool = false) throws -> Step {
        activity = .fetching
        if unavailable, let first = fetches.first {
            report.unavailable.append(first.digest)
            fetches.removeFirst()
        }
        while let next = fetches.first {
            let held = try store.beginFetching(next.digest, size: next.size)
            guard held.isComplete else { return .send(.fetch(Fetch(digest: next.digest, offset: held.received))) }
            fetches.removeFirst()
        }
        return .finished(report)
    }

    /// Stores a piece of the blob being fetched; the blob is kept once whole and matching its digest.
    private func fetched(_ chunk: Chunk) throws -> Step {
        guard activity == .fetching, let current = fetches.first, current.digest == chunk.digest, !chunk.bytes.isEmpty else {
            throw SyncError.protocolViolation("the server sent a chunk of \(chunk.digest), which was not asked for")
        }
        report.fetchedBytes += Int64(chunk.bytes.count)
        do {
            let state = try store.receiveFetched(chunk)
            if state.isComplete { report.fetched += 1 }
        } catch is AttachmentRefusal {
            // Bytes that do not hash to the digest (discarded), or more than its size: not this blob.
            report.mismatched.append(current.digest)
            fetches.removeFirst()
        }
        return try fetchNext()
    }

    private func pullNext() -> Step {
        activity = .pulling
        return .send(.pull(Pull(after: cursor, limit: limits.maxBatch, options: pullOptions)))
    }

    private func received(_ page: Page) throws -> Step {
        if let last = page.events.last, last.sseq <= cursor { return .wait }  // a copy of a page already stored
        if page.events.isEmpty, activity != .pulling { return .wait }        // a copy of "caught up"
        guard activity == .pulling else { throw SyncError.protocolViolation("the server sent a page that was not asked for") }
        guard let serverDevice = device.serverDevice, let serverKey = device.serverKey else { throw SyncError.notEnrolled }
        let problems = PulledEventVerification.problems(in: page.events.map(\.event), proofs: page.proofs, knownKeys: keys,
                                                        serverDevice: serverDevice, serverKey: serverKey)
        if let first = problems.first { throw SyncError.unverified(count: problems.count, first: first.description) }
        for accepted in page.events where accepted.event.type == DeviceEnrolled.eventType {
            if let enrolment = try? PayloadCodec.decode(DeviceEnrolled.self, from: accepted.event) { keys[enrolment.device] = enrolment.publicKey }
        }
        serverHead = max(serverHead, page.head)
        if let last = page.events.last?.sseq, last < serverHead {
            // More to come: ask for it first (PROTOCOL.md, *Pull*), store this page meanwhile.
            unstored = page
            return .sendAhead(.pull(Pull(after: last, limit: limits.maxBatch, options: pullOptions)))
        }
        try storePage(page)
        return try caughtUp()
    }

    /// Stores a verified page and moves the cursor past it.
    private func storePage(_ page: Page) throws {
        let stored = try store.storePulled(page)
        report.pulled += stored.stored
        report.refusedOnArrival += stored.refused
        progress.pulled += page.events.count
        cursor = max(cursor, page.events.last?.sseq ?? cursor)  // as storePulled moved it
        report.cursor = cursor
    }

    private func caughtUp() throws -> Step {
        if try store.takeRefetch() {
            // The user's scope changed: pull again from the start, so the new scope's earlier
            // events arrive (those held are skipped).
            cursor = 0
            return pullNext()
        }
        if holdsSetAside {
            // Pulled everything: what came back was already there; the rest is recorded again
            // under this device, and a new session (with a hello for it) pushes it.
            report.recordedAgain = try store.recordSetAsideAgain()
            return .finished(report)
        }
        guard purpose == .watch else { return .finished(report) }
        if recordedMeanwhile { return try pushNext() }
        activity = .idle
        let finished = report
        report = SyncReport()
        report.serverEpoch = finished.serverEpoch
        report.cursor = finished.cursor
        report.clockSkew = finished.clockSkew
        defer { subscribed = true }
        return .caughtUp(finished, send: subscribed ? nil : .subscribe)
    }
}

import Foundation
import LantianDomain
import LantianSessions
import LantianFraming
import LantianWire
import LantianStore
import LantianTransport
import Logging

/// Serves sync sessions on a libuv loop: one ``ServerSession`` per connection, once its TLS
/// handshake is done, bound to its TLS channel. Each frame is answered on libuv's thread pool —
/// decoding, the store's work, encoding — and the answer sent back on the loop, so a slow database
/// delays the connection it answers, never another's handshake or ping.
///
/// A connection that sends a malformed or oversized frame gets an error frame and is closed;
/// every other connection carries on.
///
/// ```swift
/// let server = try SyncServer(loop: loop, store: store, endpoint: endpoint, security: .tls(context), logger: logger)
/// loop.run()
/// ```
public final class SyncServer {
    private let loop: EventLoop
    private let listener: TCPListener
    private let store: EventStore
    private let idleTimeout: UInt64
    private let limits: WireLimits
    private let logger: Logger
    /// The language of the log's messages (its metadata keys stay English, for programs).
    private let language: Language
    private let clock: () -> Timestamp
    private let server: ServerIdentity
    /// The fingerprint of the TLS key the server will move to, announced in every welcome.
    private let nextServerTLSKey: Data?
    private var connections: [ObjectIdentifier: ServedConnection] = [:]
    /// Subscribers are told of new events once per turn of the loop, however many pushes it took.
    private let notifying: LoopTimer
    private var notifyingArmed = false
    /// The head is being read off the loop to notify subscribers…
    private var isReadingHead = false
    /// …and more moved meanwhile: read it again once that is done.
    private var notifyAgain = false
    private var isShutDown = false
    /// The head subscribers were last told of: whom the events after it concern is what the next
    /// notifications ask.
    private var notifiedThrough: Int64

    /// The address the server listens on, with the real port when 0 was asked for.
    public var endpoint: Endpoint { listener.boundEndpoint }
    /// Connections currently open.
    public var connectionCount: Int { connections.count }

    /// - Parameter idleTimeoutMilliseconds: silence after which a welcomed connection is pinged, and
    ///   after a second such silence closed (idle or half-open: a phone that lost signal without
    ///   closing); a connection that has not said hello within it is closed at once, and one that
    ///   has not finished its TLS handshake within it too.
    /// - Parameter nextServerTLSKey: the fingerprint of the next TLS key, once one is prepared.
    public init(
        loop: EventLoop, store: EventStore, endpoint: Endpoint, security: ChannelSecurity, nextServerTLSKey: KeyFingerprint? = nil,
        limits: WireLimits = .standard, logger: Logger, language: Language = .chinese,
        idleTimeoutMilliseconds: UInt64 = 30_000, clock: @escaping () -> Timestamp = Timestamp.now
    ) throws {
        self.language = language
        self.loop = loop
        self.idleTimeout = idleTimeoutMilliseconds
        self.store = store
        self.limits = limits
        self.logger = logger
        self.clock = clock
        self.nextServerTLSKey = nextServerTLSKey.map { Data($0.bytes) }
        server = try ServerIdentity.of(store)
        notifying = try LoopTimer(loop: loop)
        notifying.keepsLoopAlive = false
        notifiedThrough = try store.head()
        listener = try TCPListener(loop: loop, endpoint: endpoint, maxFrameBytes: Int(limits.maxFrameBytes), security: security)
        listener.handshakeTimeoutMilliseconds = idleTimeoutMilliseconds
        listener.onConnection = { [unowned self] connection in serve(connection) }
        listener.onHandshakeFailure = { [logger, language] peer, error in
            logger.info("\(language.say("TLS 握手未完成，断开", "TLS handshake did not complete, closing"))", metadata: ["peer": "\(peer)", "error": "\(error)"])
        }
        listener.onAcceptError = { [logger, language] error in logger.warning("\(language.say("接受连接失败", "accept failed"))：\(error)") }
    }

    /// Stops accepting and closes every connection once what it has queued is written.
    public func shutDown() {
        listener.close()
        isShutDown = true
        notifying.close()
        for served in connections.values { served.connection.close() }
    }

    private func serve(_ connection: Connection) {
        let session = ServerSession(store: store, server: server, limits: limits, clock: clock,
                                    channelBinding: Data(connection.channelBinding), nextServerTLSKey: nextServerTLSKey)
        let served = ServedConnection(connection: connection, session: session, watchdog: try? LoopTimer(loop: loop))
        connections[ObjectIdentifier(connection)] = served
        let say = language.say
        logger.debug("\(say("新连接", "connection opened"))", metadata: ["peer": "\(served.peer)"])
        waitForTraffic(served)
        connection.send(MessageCodec.encode(session.greeting()))
        // The connection's callbacks hold it and its session until it closes, when they are let go.
        connection.onFrame = { [unowned self] body in answer(body, of: served) }
        connection.onFrameError = { [logger] error in
            // Frames are held while one is answered, so none is broken while the session is busy.
            logger.warning("\(say("帧不合规，断开", "bad frame, closing"))", metadata: ["peer": "\(served.peer)", "error": "\(error)"])
            Self.encode(session.handle(badFrame: error), of: session).send(to: connection)
        }
        connection.onClose = { [unowned self] reason in
            served.watchdog?.close()
            connections[ObjectIdentifier(connection)] = nil
            if served.isBusy { served.closedWhileBusy = reason } else { end(served, reason) }
        }
    }

    /// Pings the connection after a silence, and closes it after a second one; a connection that
    /// has not said hello within it is closed at once. The server's own time answering does not count.
    private func waitForTraffic(_ served: ServedConnection) {
        let say = language.say
        served.watchdog?.start(afterMilliseconds: idleTimeout) { [weak self, weak served] in
            guard let self, let served, !served.isBusy else { return }
            guard served.session.peer != nil else {
                // Pings belong to welcomed sessions: one that never said hello is simply closed.
                logger.info("\(say("空闲超时内未收到 hello，断开", "no hello within the idle timeout, closing"))", metadata: ["peer": "\(served.peer)"])
                return served.connection.abort()
            }
            if served.pinged {
                logger.info("\(say("探测（ping）无应答，断开", "no answer to ping, closing"))", metadata: ["peer": "\(served.peer)"])
                return served.connection.abort()
            }
            served.pinged = true
            served.connection.send(MessageCodec.encode(.ping(nonce: UInt64.random(in: 0...UInt64.max))))
            waitForTraffic(served)
        }
    }

    /// Answers one frame off the loop — decoding it, the session's database work, encoding the
    /// answer — holding the connection's later frames until it is sent.
    private func answer(_ body: [UInt8], of served: ServedConnection) {
        served.pinged = false
        served.isBusy = true
        served.connection.holdFrames()
        let session = served.session
        loop.perform({ [logger, language] in
            do throws(WireFormatError) {
                return Self.encode(session.handle(try MessageCodec.decode(body)), of: session)
            } catch {
                logger.warning("\(language.say("消息不成形，断开", "malformed message, closing"))", metadata: ["peer": "\(served.peer)", "error": "\(error)"])
                return Self.encode(session.handle(malformed: error), of: session)
            }
        }, then: { [self] answer in
            served.isBusy = false
            answer.send(to: served.connection)
            if served.headMoved {
                served.headMoved = false
                notifySubscribers()
            }
            if let reason = served.closedWhileBusy { return end(served, reason) }
            if let held = served.heldNotification {
                served.heldNotification = nil
                if let notification = session.notification(head: held.head, reach: held.reach) {
                    served.connection.send(MessageCodec.encode(notification))
                }
            }
            waitForTraffic(served)
            served.connection.resumeFrames()
        })
    }

    /// Sees to a closed connection's end: its sync report recorded off the loop, then logged.
    private func end(_ served: ServedConnection, _ reason: Connection.CloseReason) {
        let session = served.session
        loop.perform({ [self] in recordReport(of: session) }, then: { [self] recorded in
            if recorded { notifySubscribers() }
            let say = language.say
            if let skew = session.clockSkew, skew.isFlagged {
                logger.warning("\(say("设备时钟偏差 \(skew.milliseconds / 1000) 秒（正数为超前）；其记录照常保存，时间标记为可疑", "device clock is off by \(skew.milliseconds / 1000) s (positive: ahead); its events are kept, their times flagged"))",
                               metadata: ["peer": "\(served.peer)", "actor": "\(session.peer?.actor ?? "-")"])
            }
            logger.info("\(say("会话结束", "session ended"))", metadata: [
                "peer": "\(served.peer)", "actor": "\(session.peer?.actor ?? "-")", "accepted": "\(session.acceptedCount)",
                "reason": "\(reason)",
            ])
        })
    }

    /// Another node committed to the shared record this server's store is a copy of: subscribed
    /// devices hear of whatever concerns them.
    public func recordMoved() { notifySubscribers() }

    /// Tells each subscribed client whom new events concern that they are there to pull: live
    /// updates without polling. Once per turn of the loop: a burst of pushes wakes each once; and
    /// while the head is being read off the loop, once more after it.
    private func notifySubscribers() {
        guard !isShutDown else { return }
        guard !isReadingHead else { return notifyAgain = true }
        guard !notifyingArmed else { return }
        notifyingArmed = true
        notifying.start(afterMilliseconds: 0) { [unowned self] in
            notifyingArmed = false
            sendNotifications()
        }
    }

    private func sendNotifications() {
        let after = notifiedThrough
        // Whom the new events concern matters only to subscribers (a busy session may be one).
        let anyoneListens = connections.values.contains { $0.isBusy || $0.session.subscribed }
        isReadingHead = true
        loop.perform({ [store] () -> Result<(head: Int64, reach: EventReach?), any Error> in
            Result {
                let head = try store.head()
                // If whom they concern cannot be read, every subscriber hears of them.
                return (head, head > after && anyoneListens ? try? store.reach(after: after, through: head) : nil)
            }
        }, then: { [self] read in
            isReadingHead = false
            defer {
                if notifyAgain {
                    notifyAgain = false
                    notifySubscribers()
                }
            }
            switch read {
            case .success(let (head, reach)):
                guard head > notifiedThrough, !isShutDown else { return }
                notifiedThrough = head
                for served in connections.values {
                    if served.isBusy {
                        served.hold(head: head, reach: reach)
                    } else if let notification = served.session.notification(head: head, reach: reach) {
                        served.connection.send(MessageCodec.encode(notification))
                    }
                }
            case .failure(let error):
                logger.warning("\(language.say("读取最新序号失败，未能通知订阅的设备", "could not read the head to notify subscribers"))：\(error)")
            }
        })
    }

    /// Records what the session saw of its device, when that tells supervisors something new
    /// (``DeviceSyncReported/isWorthRecording(after:stored:now:)``): a session that moves nothing
    /// records nothing. Runs off the loop; says whether it recorded.
    private func recordReport(of session: ServerSession) -> Bool {
        do {
            guard let report = try session.report() else { return false }
            let now = clock()
            let last = try store.lastEvent(about: report.device, ofType: DeviceSyncReported.eventType).flatMap { event in
                (try? PayloadCodec.decode(DeviceSyncReported.self, from: event)).map { ($0, event.recordedAt) }
            }
            guard report.isWorthRecording(after: last, stored: session.acceptedCount, now: now) else { return false }
            try store.recordAccepted([try EventDraft(subject: report.device, payload: report)], as: server, now: now)
            return true
        } catch {
            logger.warning("\(language.say("未能记录设备的同步报告", "could not record the device's sync report"))：\(error)")
            return false
        }
    }

    /// A reply as bytes: encoding a page (deflated, for a client that takes it so) is work done off the loop too.
    private static func encode(_ reply: ServerSession.Reply, of session: ServerSession) -> EncodedReply {
        switch reply {
        case .send(let message): EncodedReply(bytes: MessageCodec.encode(message, deflating: session.deflatesPages), closes: false)
        case .sendAndClose(let message): EncodedReply(bytes: MessageCodec.encode(message), closes: true)
        case .close: EncodedReply(bytes: nil, closes: true)
        case .nothing: EncodedReply(bytes: nil, closes: false)
        }
    }
}

/// What to send back on a connection, and whether to close it after.
private struct EncodedReply {
    let bytes: [UInt8]?
    let closes: Bool

    func send(to connection: Connection) {
        if let bytes { connection.send(bytes) }
        if closes { connection.close() }
    }
}

import Foundation
import LantianDomain
import LantianSessions
import LantianFraming
import LantianWire
import LantianStore
import LantianTransport
import Logging

/// Serves sync sessions on a libuv loop: one ``ServerSession`` per connection, once its TLS
/// handshake is done, bound to its TLS channel.
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
    private var connections: [ObjectIdentifier: (connection: Connection, session: ServerSession)] = [:]
    /// Subscribers are told of new events once per turn of the loop, however many pushes it took.
    private let notifying: LoopTimer
    private var notifyingArmed = false
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
        for (connection, _) in connections.values { connection.close() }
    }

    private func serve(_ connection: Connection) {
        let session = ServerSession(store: store, server: server, limits: limits, clock: clock,
                                    channelBinding: Data(connection.channelBinding), nextServerTLSKey: nextServerTLSKey)
        session.onHeadMoved = { [unowned self] in notifySubscribers() }
        let peer = connection.peer
        connections[ObjectIdentifier(connection)] = (connection, session)
        let say = language.say
        logger.debug("\(say("新连接", "connection opened"))", metadata: ["peer": "\(peer)"])
        let watchdog = try? LoopTimer(loop: loop)
        var pinged = false
        func waitForTraffic() {
            watchdog?.start(afterMilliseconds: idleTimeout) { [unowned connection, logger] in
                guard session.peer != nil else {
                    // Pings belong to welcomed sessions: one that never said hello is simply closed.
                    logger.info("\(say("空闲超时内未收到 hello，断开", "no hello within the idle timeout, closing"))", metadata: ["peer": "\(peer)"])
                    return connection.abort()
                }
                if pinged {
                    logger.info("\(say("探测（ping）无应答，断开", "no answer to ping, closing"))", metadata: ["peer": "\(peer)"])
                    return connection.abort()
                }
                pinged = true
                connection.send(MessageCodec.encode(.ping(nonce: UInt64.random(in: 0...UInt64.max))))
                waitForTraffic()
            }
        }
        waitForTraffic()
        connection.send(MessageCodec.encode(session.greeting()))

        connection.onFrame = { [unowned connection, logger] body in
            pinged = false
            waitForTraffic()
            let reply: ServerSession.Reply
            do throws(WireFormatError) {
                reply = session.handle(try MessageCodec.decode(body))
            } catch {
                logger.warning("\(say("消息不成形，断开", "malformed message, closing"))", metadata: ["peer": "\(peer)", "error": "\(error)"])
                reply = session.handle(malformed: error)
            }
            Self.apply(reply, of: session, to: connection)
        }
        connection.onFrameError = { [unowned connection, logger] error in
            logger.warning("\(say("帧不合规，断开", "bad frame, closing"))", metadata: ["peer": "\(peer)", "error": "\(error)"])
            Self.apply(session.handle(badFrame: error), of: session, to: connection)
        }
        connection.onClose = { [unowned self, unowned connection] reason in
            watchdog?.close()
            connections[ObjectIdentifier(connection)] = nil
            recordReport(of: session)
            if let skew = session.clockSkew, skew.isFlagged {
                logger.warning("\(say("设备时钟偏差 \(skew.milliseconds / 1000) 秒（正数为超前）；其记录照常保存，时间标记为可疑", "device clock is off by \(skew.milliseconds / 1000) s (positive: ahead); its events are kept, their times flagged"))",
                               metadata: ["peer": "\(peer)", "actor": "\(session.peer?.actor ?? "-")"])
            }
            logger.info("\(say("会话结束", "session ended"))", metadata: [
                "peer": "\(peer)", "actor": "\(session.peer?.actor ?? "-")", "accepted": "\(session.acceptedCount)",
                "reason": "\(reason)",
            ])
        }
    }

    /// Another node committed to the shared record this server's store is a copy of: subscribed
    /// devices hear of whatever concerns them.
    public func recordMoved() { notifySubscribers() }

    /// Tells each subscribed client whom new events concern that they are there to pull: live
    /// updates without polling. Once per turn of the loop: a burst of pushes wakes each once.
    private func notifySubscribers() {
        guard !notifyingArmed, !isShutDown else { return }
        notifyingArmed = true
        notifying.start(afterMilliseconds: 0) { [unowned self] in
            notifyingArmed = false
            sendNotifications()
        }
    }

    private func sendNotifications() {
        do {
            let head = try store.head()
            guard head > notifiedThrough else { return }
            let after = notifiedThrough
            notifiedThrough = head
            guard connections.values.contains(where: { $0.session.subscribed }) else { return }
            // Whom they concern; if that cannot be read, every subscriber hears of them.
            let reach = try? store.reach(after: after, through: head)
            for (connection, session) in connections.values {
                if let notification = session.notification(head: head, reach: reach) { connection.send(MessageCodec.encode(notification)) }
            }
        } catch {
            logger.warning("\(language.say("读取最新序号失败，未能通知订阅的设备", "could not read the head to notify subscribers"))：\(error)")
        }
    }

    /// Records what the session saw of its device, when that tells supervisors something new
    /// (``DeviceSyncReported/isWorthRecording(after:stored:now:)``): a session that moves nothing records nothing.
    private func recordReport(of session: ServerSession) {
        do {
            guard let report = try session.report() else { return }
            let now = clock()
            let last = try store.lastEvent(about: report.device, ofType: DeviceSyncReported.eventType).flatMap { event in
                (try? PayloadCodec.decode(DeviceSyncReported.self, from: event)).map { ($0, event.recordedAt) }
            }
            guard report.isWorthRecording(after: last, stored: session.acceptedCount, now: now) else { return }
            try store.recordAccepted([try EventDraft(subject: report.device, payload: report)], as: server, now: now)
            notifySubscribers()
        } catch {
            logger.warning("\(language.say("未能记录设备的同步报告", "could not record the device's sync report"))：\(error)")
        }
    }

    private static func apply(_ reply: ServerSession.Reply, of session: ServerSession, to connection: Connection) {
        switch reply {
        case .send(let message):
            connection.send(MessageCodec.encode(message, deflating: session.deflatesPages))
        case .sendAndClose(let message):
            connection.send(MessageCodec.encode(message))
            connection.close()
        case .close:
            connection.close()
        case .nothing:
            break
        }
    }
}

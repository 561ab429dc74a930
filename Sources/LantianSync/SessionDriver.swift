import Foundation
import LantianDomain
import LantianSessions
import LantianFraming
import LantianWire
import LantianStore
import LantianTransport

/// Runs one ``ClientSession`` over one libuv connection: connects, sends what the session says,
/// feeds it what arrives, pings a silent server and gives up on one that stays silent. Several can
/// share one loop (a load generator holding many devices' connections).
public final class SessionDriver {
    private let session: ClientSession
    private let idle: LoopTimer
    private var connection: Connection?
    private var progress = SyncProgress()
    private var outcome: Result<SyncReport, SyncError>?
    private var pinged = false

    /// Called after every frame with how far the session has got.
    public var onProgress: ((SyncProgress) -> Void)?
    /// Watching: called each time the session has caught up with the server.
    public var onCaughtUp: ((SyncReport) -> Void)?
    /// Called once when the session ends, after the connection is closed.
    public var onEnd: ((Result<SyncReport, SyncError>) -> Void)?
    /// Called with every message as it is handed to the connection, and as it arrives (to time them).
    public var onSent: ((Message) -> Void)?
    public var onReceived: ((Message) -> Void)?

    public init(loop: EventLoop, session: ClientSession) throws(TransportError) {
        self.session = session
        idle = try LoopTimer(loop: loop)
    }

    /// Connects to `server` and starts the session.
    ///
    /// - Parameters:
    ///   - connectTimeout: milliseconds to wait for the server to take the connection (its TLS
    ///     handshake may then take as long as `idleTimeout`).
    ///   - idleTimeout: milliseconds of silence after which the server is pinged; after a second
    ///     such silence the session ends as timed out.
    ///   - security: TLS with the server's trust (``ChannelSecurity``).
    public func start(loop: EventLoop, server: Endpoint, security: ChannelSecurity, connectTimeout: UInt64, idleTimeout: UInt64) {
        // A server that took the connection is given as long to finish the handshake as to answer anything.
        Connection.connect(loop: loop, endpoint: server, maxFrameBytes: Int(WireLimits.standard.maxFrameBytes), security: security,
                           timeoutMilliseconds: connectTimeout, handshakeTimeoutMilliseconds: max(connectTimeout, idleTimeout)) { [self] result in
            switch result {
            case .failure(let error):
                end(.failure(SyncError(error)))
            case .success(let connected):
                connection = connected
                session.channelBinding = Data(connected.channelBinding)
                session.serverTLSKey = connected.serverKeyFingerprint.map { Data($0.bytes) }
                wire(connected, idleTimeout: idleTimeout)
                perform { () throws(SyncError) in try session.start() }
            }
        }
    }

    /// Watching: the device recorded events.
    func deviceRecorded() {
        guard connection != nil, outcome == nil else { return }
        perform { () throws(SyncError) in try session.deviceRecorded() }
    }

    /// Ends the session now, as finished with what it has done.
    func stop() {
        end(.failure(.connectionClosed))
    }

    private func wire(_ connection: Connection, idleTimeout: UInt64) {
        func listen() {
            idle.start(afterMilliseconds: idleTimeout) { [self] in
                guard !pinged else { return end(.failure(.timedOut(seconds: Int(2 * idleTimeout / 1000)))) }
                pinged = true
                send(.ping(nonce: UInt64.random(in: 0...UInt64.max)))
                listen()
            }
        }
        listen()
        connection.onFrame = { [self] body in
            pinged = false
            listen()
            progress.bytesReceived += body.count + Frame.headerBytes
            perform { () throws(SyncError) in
                let message: Message
                do throws(WireFormatError) {
                    message = try MessageCodec.decode(body)
                } catch {
                    throw session.handle(malformed: error)
                }
                onReceived?(message)
                return try session.handle(message)
            }
        }
        connection.onFrameError = { [self] error in
            end(.failure(.protocolViolation("the server sent a bad frame: \(error)")))
        }
        connection.onClose = { [self] reason in
            if case .failed(let error) = reason { end(.failure(SyncError(error))) }
            end(.failure(.connectionClosed))
        }
    }

    private func perform(_ step: () throws(SyncError) -> ClientSession.Step) {
        do {
            switch try step() {
            case .send(let message):
                send(message)
            case .sendAll(let messages):
                for message in messages { send(message) }
            case .sendAhead(let message):
                send(message)
                return perform { () throws(SyncError) in try session.proceed() }
            case .finished(let report):
                end(.success(report))
            case .caughtUp(let report, let message):
                if let message { send(message) }
                onCaughtUp?(report)
            case .wait:
                break
            }
            report()
        } catch {
            end(.failure(error))
        }
    }

    private func send(_ message: Message) {
        onSent?(message)
        let body = MessageCodec.encode(message)
        progress.bytesSent += body.count + Frame.headerBytes
        connection?.send(body)
    }

    private func report() {
        guard let onProgress else { return }
        var current = session.progress
        current.bytesSent = progress.bytesSent
        current.bytesReceived = progress.bytesReceived
        onProgress(current)
    }

    private func end(_ result: Result<SyncReport, SyncError>) {
        guard outcome == nil else { return }
        outcome = result
        idle.close()
        connection?.close()
        onEnd?(result)
    }
}

extension NetworkFailure {
    /// The failure a libuv error stands for.
    init(_ error: TransportError) { self.init(error.description) }
}

extension SyncError {
    /// What a transport failure means for the session: an untrusted server or a failed TLS
    /// handshake is said as such, anything else is the network.
    init(_ error: TransportError) {
        switch error.tls {
        case .untrustedServer(let presented)?: self = .untrustedServer(presented: presented.description)
        case .protocolFailure(let reason)?: self = .secureChannelFailed(reason)
        default: self = .unreachable(NetworkFailure(error))
        }
    }
}

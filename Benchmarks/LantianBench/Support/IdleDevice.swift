import Foundation
import LantianDomain
import LantianTransport
import LantianWire

/// A phone left on with `lantian sync --watch` that has caught up and waits: connected,
/// authenticated, subscribed, answering pings and hearing of new events in its scope without
/// pulling them. Workload 11 holds thousands of these against the real `lantiand` to measure what
/// the server pays to keep them (memory, descriptors, notifications) while others push. It speaks
/// the real protocol (a signed hello, `subscribe`) over the real transport; it has no store, as it
/// stores nothing.
final class IdleDevice {
    /// An enrolled device's credentials, as the workload hands them to the load generator.
    struct Credentials: Codable {
        var device: UUID
        var actor: String
        var privateKey: Data
    }

    private let credentials: Credentials
    private let key: DeviceKey
    private var connection: Connection?
    /// Notifications heard since subscribing (the first comes at once: the device pulled nothing).
    private(set) var notifications = 0
    var onSubscribed: (() -> Void)?
    var onFailure: ((String) -> Void)?

    init(_ credentials: Credentials) throws {
        self.credentials = credentials
        key = try DeviceKey(rawRepresentation: credentials.privateKey)
    }

    func connect(loop: EventLoop, server: Endpoint, security: ChannelSecurity) {
        Connection.connect(loop: loop, endpoint: server, maxFrameBytes: Int(WireLimits.standard.maxFrameBytes), security: security,
                           timeoutMilliseconds: 60_000) { [self] result in
            switch result {
            case .failure(let error): onFailure?("\(credentials.actor): cannot connect: \(error)")
            case .success(let connected):
                connection = connected
                connected.onFrame = { [unowned self] body in
                    do { try hear(try MessageCodec.decode(body)) } catch { fail("\(error)") }
                }
                connected.onClose = { [unowned self] _ in connection = nil }
            }
        }
    }

    func close() { connection?.close() }

    private func hear(_ message: Message) throws {
        switch message {
        case .challenge(let challenge):
            let proof = try key.sign(SessionProof.hello(nonce: challenge.nonce, channel: Data(connection?.channelBinding ?? []), credential: credentials.device, device: credentials.device))
            send(.hello(Hello(versions: MessageCodec.versions, device: credentials.device, credential: credentials.device,
                              actor: credentials.actor, proof: proof, recordedCseq: 0, cursor: 0, cursorEvent: nil, clock: .now())))
        case .welcome:
            send(.subscribe)
            onSubscribed?()
        case .notify:
            notifications += 1
        case .ping(let nonce):
            send(.pong(nonce: nonce))
        case .error(let error):
            fail("refused: \(error.message)")
        default:
            fail("unexpected \(message.name)")
        }
    }

    private func send(_ message: Message) { connection?.send(MessageCodec.encode(message)) }

    private func fail(_ reason: String) {
        onFailure?("\(credentials.actor) \(credentials.device): \(reason)")
        connection?.close()
    }
}

import Foundation
import LantianDomain
import LantianFraming
import LantianWire
import LantianStore
import Testing

/// A plain blocking socket that sends whatever bytes a test makes: a client that skips every check.
/// It reads the server's challenge on connecting.
final class RawConnection {
    private let socket: Int32
    private(set) var challenge = Challenge(nonce: Data())

    init(port: UInt16) throws {
        guard let socket = LoopbackSocket.connect(to: port) else { throw Failure("cannot connect to 127.0.0.1:\(port)") }
        self.socket = socket
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard case .challenge(let first)? = try receive() else { throw Failure("the server did not open with a challenge") }
        challenge = first
    }

    /// Says hello as the enrolled device of the store at `store`, signed with its key: a hand-made
    /// client that is who it says it is. Returns the server's answer.
    func helloAs(store path: String) throws -> (Message?, device: LocalDevice, key: DeviceKey) {
        let store = try EventStore(path: path)
        let device = try #require(try store.localDevice())
        let key = try KeyFile.read(KeyFile.path(forStore: path))
        let proof = try key.sign(SessionProof.hello(nonce: challenge.nonce, credential: device.id, device: device.id))
        try send(.hello(Hello(versions: MessageCodec.versions, device: device.id, actor: device.actor, proof: proof)))
        return (try receive(), device, key)
    }

    deinit { close(socket) }

    func send(_ bytes: [UInt8]) throws {
        guard LoopbackSocket.write(bytes, to: socket) else { throw Failure("send failed") }
    }

    func send(_ message: Message) throws {
        try send(Frame.encode(body: MessageCodec.encode(message)))
    }

    /// The next message the server sends; `nil` if it closed the connection.
    func receive() throws -> Message? {
        guard let header = LoopbackSocket.read(4, from: socket) else { return nil }
        let length = header.reduce(0) { $0 << 8 | Int($1) }
        guard let body = LoopbackSocket.read(length, from: socket) else { throw Failure("connection closed inside a frame") }
        return try MessageCodec.decode(body)
    }
}

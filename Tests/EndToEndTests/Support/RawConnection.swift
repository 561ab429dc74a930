import CLantianOpenSSL
import Foundation
import LantianDomain
import LantianFraming
import LantianWire
import LantianStore
import Testing

/// A blocking TLS connection that sends whatever bytes a test makes: a client that skips every
/// check (it trusts any server key). It reads the server's challenge on connecting.
final class RawConnection {
    private let socket: Int32
    private let context: OpaquePointer
    private let tls: OpaquePointer
    private(set) var challenge = Challenge(nonce: Data())

    init(port: UInt16) throws {
        guard let socket = LoopbackSocket.connect(to: port) else { throw Failure("cannot connect to 127.0.0.1:\(port)") }
        self.socket = socket
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        context = SSL_CTX_new(TLS_client_method())
        SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        tls = SSL_new(context)
        SSL_set_fd(tls, socket)
        guard SSL_connect(tls) == 1 else { throw Failure("the TLS handshake with 127.0.0.1:\(port) failed") }
        guard case .challenge(let first)? = try receive() else { throw Failure("the server did not open with a challenge") }
        challenge = first
    }

    /// The TLS exporter value a proof of hello must cover on this connection.
    var channelBinding: Data {
        var material = [UInt8](repeating: 0, count: 32)
        let label = Array("EXPORTER-lantian-session".utf8).map { CChar(bitPattern: $0) }
        _ = SSL_export_keying_material(tls, &material, material.count, label, label.count, nil, 0, 0)
        return Data(material)
    }

    /// Says hello as the enrolled device of the store at `store`, signed with its key over the
    /// challenge and this connection's channel binding: a hand-made client that is who it says
    /// it is. Returns the server's answer.
    func helloAs(store path: String) throws -> (Message?, device: LocalDevice, key: DeviceKey) {
        let store = try EventStore(path: path)
        let device = try #require(try store.localDevice())
        let key = try KeyFile.read(KeyFile.path(forStore: path))
        let proof = try key.sign(SessionProof.hello(nonce: challenge.nonce, channel: channelBinding, credential: device.id, device: device.id))
        try send(.hello(Hello(versions: MessageCodec.versions, device: device.id, actor: device.actor, proof: proof)))
        return (try receive(), device, key)
    }

    deinit {
        SSL_free(tls)
        SSL_CTX_free(context)
        close(socket)
    }

    func send(_ bytes: [UInt8]) throws {
        guard bytes.withUnsafeBytes({ SSL_write(tls, $0.baseAddress, Int32($0.count)) }) == bytes.count else { throw Failure("send failed") }
    }

    func send(_ message: Message) throws {
        try send(Frame.encode(body: MessageCodec.encode(message)))
    }

    /// Whether the server has sent nothing that is not yet read (without waiting for it).
    var hasNothingToRead: Bool {
        guard SSL_pending(tls) == 0 else { return false }
        var waiting = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        return poll(&waiting, 1, 0) == 0
    }

    /// The next message the server sends; `nil` if it closed the connection.
    func receive() throws -> Message? {
        guard let header = read(4) else { return nil }
        let length = header.reduce(0) { $0 << 8 | Int($1) }
        guard let body = read(length) else { throw Failure("connection closed inside a frame") }
        return try MessageCodec.decode(body)
    }

    /// Exactly `count` decrypted bytes; `nil` if the server closed (or the read failed) first.
    private func read(_ count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let received = bytes.withUnsafeMutableBytes { SSL_read(tls, $0.baseAddress! + filled, Int32(count - filled)) }
            guard received > 0 else { return nil }
            filled += Int(received)
        }
        return bytes
    }
}

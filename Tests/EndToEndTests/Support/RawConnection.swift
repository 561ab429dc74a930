import Foundation
import LantianProtocol

/// A plain blocking socket that sends whatever bytes a test makes: a client that skips every check.
final class RawConnection {
    private let socket: Int32

    init(port: UInt16) throws {
        guard let socket = LoopbackSocket.connect(to: port) else { throw Failure("cannot connect to 127.0.0.1:\(port)") }
        self.socket = socket
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
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

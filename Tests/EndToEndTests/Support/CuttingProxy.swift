import Foundation

/// A loopback TCP proxy of our own that forwards a connection's bytes (TLS records, which it cannot
/// read) faithfully until a chosen point in one direction (``CutPoint``), then cuts both sides: the
/// network dropping inside the handshake or inside a record. Only the first connection is cut;
/// later ones pass through untouched.
final class CuttingProxy: @unchecked Sendable {
    enum Direction { case toServer, toClient }

    let port: UInt16
    var address: String { "127.0.0.1:\(port)" }
    private let listener: Int32
    private let lock = NSLock()
    private var cutDone = false
    /// Bytes that had passed in the cut direction when the cut happened (nil before).
    private var cutAt: Int?

    convenience init(upstreamPort: UInt16, cutAfterBytes: Int, direction: Direction) throws {
        try self.init(upstreamPort: upstreamPort, cut: .byte(cutAfterBytes), direction: direction)
    }

    /// - Parameter replaying: at the cut point, send the record before it again and go on, instead of cutting.
    init(upstreamPort: UInt16, cut: CutPoint, direction: Direction, replaying: Bool = false) throws {
        (listener, port) = try LoopbackSocket.listen()
        ProxiedPair.acceptAll(on: listener, upstreamPort: upstreamPort) { [self] pair in
            let cutting = lock.withLock { defer { cutDone = true }; return !cutDone }
            let point = cutting ? cut : nil
            Thread.detachNewThread { pair.pump(from: pair.client, to: pair.server, cut: direction == .toServer ? point : nil, replaying: replaying) { self.noteCut($0) } }
            Thread.detachNewThread { pair.pump(from: pair.server, to: pair.client, cut: direction == .toClient ? point : nil, replaying: replaying) { self.noteCut($0) } }
        }
    }

    /// Bytes that had passed in the cut direction when the cut happened; `nil` if it has not.
    var bytesBeforeCut: Int? { lock.withLock { cutAt } }

    func close() { shutdown(listener, Int32(SHUT_RDWR)); Glibc.close(listener) }

    deinit { close() }

    private func noteCut(_ bytes: Int) { lock.withLock { cutAt = bytes } }
}

import Foundation
import LantianDomain
import LantianWire

/// A loopback TCP proxy of our own that forwards whole frames, and delivers the ones a rule picks
/// twice or late: duplicate and delayed delivery, which TCP alone never does but a buggy middlebox,
/// a retrying gateway or an attacker replaying captured traffic can.
final class FrameProxy: @unchecked Sendable {
    enum Action: Sendable { case forward, duplicate, delay(TimeInterval) }
    /// Picks what happens to each message, by its direction and content.
    typealias Rule = @Sendable (_ toServer: Bool, _ message: Message) -> Action

    let port: UInt16
    var address: String { "127.0.0.1:\(port)" }
    private let listener: Int32
    private let lock = NSLock()
    private var tampered = 0

    init(upstreamPort: UInt16, rule: @escaping Rule) throws {
        (listener, port) = try LoopbackSocket.listen()
        ProxiedPair.acceptAll(on: listener, upstreamPort: upstreamPort) { [self] pair in
            Thread.detachNewThread { self.pumpFrames(of: pair, toServer: true, rule: rule) }
            Thread.detachNewThread { self.pumpFrames(of: pair, toServer: false, rule: rule) }
        }
    }

    /// How many frames were delivered twice or late.
    var tamperedFrames: Int { lock.withLock { tampered } }

    func close() { shutdown(listener, Int32(SHUT_RDWR)); Glibc.close(listener) }

    deinit { close() }

    private func pumpFrames(of pair: ProxiedPair, toServer: Bool, rule: Rule) {
        let (source, destination) = toServer ? (pair.client, pair.server) : (pair.server, pair.client)
        while let header = LoopbackSocket.read(4, from: source),
              let body = LoopbackSocket.read(header.reduce(0) { $0 << 8 | Int($1) }, from: source) {
            let frame = header + body
            let action = (try? MessageCodec.decode(body)).map { rule(toServer, $0) } ?? .forward
            switch action {
            case .forward:
                guard LoopbackSocket.write(frame, to: destination) else { return pair.finish() }
            case .duplicate:
                lock.withLock { tampered += 1 }
                guard LoopbackSocket.write(frame + frame, to: destination) else { return pair.finish() }
            case .delay(let seconds):
                lock.withLock { tampered += 1 }
                Thread.sleep(forTimeInterval: seconds)
                guard LoopbackSocket.write(frame, to: destination) else { return pair.finish() }
            }
        }
        pair.finish()
    }
}

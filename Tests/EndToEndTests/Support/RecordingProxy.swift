import Foundation

/// A loopback TCP proxy of our own that forwards every connection faithfully and keeps every byte
/// it saw each way: what someone capturing the network would hold.
final class RecordingProxy: @unchecked Sendable {
    let port: UInt16
    var address: String { "127.0.0.1:\(port)" }
    private let listener: Int32
    private let lock = NSLock()
    private var seen: [UInt8] = []

    init(upstreamPort: UInt16) throws {
        (listener, port) = try LoopbackSocket.listen()
        ProxiedPair.acceptAll(on: listener, upstreamPort: upstreamPort) { [self] pair in
            Thread.detachNewThread { self.pump(from: pair.client, to: pair.server, pair) }
            Thread.detachNewThread { self.pump(from: pair.server, to: pair.client, pair) }
        }
    }

    /// Every byte that passed, both directions run together.
    var captured: [UInt8] { lock.withLock { seen } }

    func close() { shutdown(listener, Int32(SHUT_RDWR)); Glibc.close(listener) }

    deinit { close() }

    private func pump(from source: Int32, to destination: Int32, _ pair: ProxiedPair) {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(source, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            lock.withLock { seen.append(contentsOf: buffer[..<count]) }
            guard buffer.withUnsafeBytes({ send(destination, $0.baseAddress, count, Int32(MSG_NOSIGNAL)) }) == count else { break }
        }
        pair.finish()
    }
}

extension Array where Element == UInt8 {
    /// Whether `needle` occurs anywhere in these bytes.
    func contains(bytes needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= count else { return false }
        return (0...(count - needle.count)).contains { start in self[start..<start + needle.count].elementsEqual(needle) }
    }
}

import Foundation

/// Both sockets of one proxied connection: shut down when either direction ends, closed once
/// both pumps have stopped (so no pump ever reads a descriptor number reused by another socket).
final class ProxiedPair: @unchecked Sendable {
    let client: Int32
    let server: Int32
    private let lock = NSLock()
    private var shutDown = false
    private var pumpsDone = 0

    init(client: Int32, server: Int32) {
        self.client = client
        self.server = server
    }

    /// On a thread of its own, for as long as `listener` is open: accepts each connection, pairs it
    /// with a new connection to `upstreamPort`, and hands the pair to `handle`.
    static func acceptAll(on listener: Int32, upstreamPort: UInt16, _ handle: @escaping @Sendable (ProxiedPair) -> Void) {
        Thread.detachNewThread {
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                guard let server = LoopbackSocket.connect(to: upstreamPort) else { Glibc.close(client); continue }
                handle(ProxiedPair(client: client, server: server))
            }
        }
    }

    /// Forwards bytes until the source ends or `limit` bytes have passed (then calls `onCut`), and ends the pair.
    func pump(from source: Int32, to destination: Int32, limit: Int, onCut: (Int) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var passed = 0
        while true {
            let wanted = min(buffer.count, limit - passed)
            if wanted == 0 {
                onCut(passed)
                break
            }
            let count = buffer.withUnsafeMutableBytes { recv(source, $0.baseAddress, wanted, 0) }
            guard count > 0 else { break }
            let sent = buffer.withUnsafeBytes { send(destination, $0.baseAddress, count, Int32(MSG_NOSIGNAL)) }
            guard sent == count else { break }
            passed += count
        }
        finish()
    }

    /// Ends the connection on both sides at once, with a reset, as a dropped link does.
    func finish() {
        lock.withLock {
            if !shutDown {
                shutDown = true
                // An abortive close (RST), as when a phone's link drops and the stack gives up.
                var linger = linger(l_onoff: 1, l_linger: 0)
                for socket in [client, server] {
                    setsockopt(socket, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<linger>.size))
                    shutdown(socket, Int32(SHUT_RDWR))
                }
            }
            pumpsDone += 1
            if pumpsDone == 2 {
                Glibc.close(client)
                Glibc.close(server)
            }
        }
    }
}

import Foundation

/// A loopback TCP proxy of our own that forwards a connection faithfully until a chosen number of
/// bytes has passed in one direction, then cuts both sides: the network dropping mid-frame.
/// Only the first connection is cut; later ones pass through untouched.
final class CuttingProxy: @unchecked Sendable {
    enum Direction { case toServer, toClient }

    let port: UInt16
    var address: String { "127.0.0.1:\(port)" }
    private let listener: Int32
    private let lock = NSLock()
    private var cutDone = false
    /// Bytes that had passed in the cut direction when the cut happened (nil before).
    private var cutAt: Int?

    init(upstreamPort: UInt16, cutAfterBytes: Int, direction: Direction) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0 && Glibc.listen(listener, 16) == 0
            }
        }
        guard ready else { Glibc.close(listener); throw Failure("the proxy cannot listen") }
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                var upstream = Self.loopback(port: upstreamPort)
                let connected = withUnsafePointer(to: &upstream) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                guard connected == 0 else { Glibc.close(client); Glibc.close(server); continue }
                let cutting = lock.withLock { defer { cutDone = true }; return !cutDone }
                let limit = cutting ? cutAfterBytes : Int.max
                let pair = Pair(client: client, server: server)
                Thread.detachNewThread { pair.pump(from: client, to: server, limit: direction == .toServer ? limit : .max) { self.noteCut($0) } }
                Thread.detachNewThread { pair.pump(from: server, to: client, limit: direction == .toClient ? limit : .max) { self.noteCut($0) } }
            }
        }
    }

    /// Bytes that had passed in the cut direction when the cut happened; `nil` if it has not.
    var bytesBeforeCut: Int? { lock.withLock { cutAt } }

    func close() { shutdown(listener, Int32(SHUT_RDWR)); Glibc.close(listener) }

    deinit { close() }

    private func noteCut(_ bytes: Int) { lock.withLock { cutAt = bytes } }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }

    /// Both sockets of one proxied connection: shut down when either direction ends, closed once
    /// both pumps have stopped (so no pump ever reads a descriptor number reused by another socket).
    private final class Pair: @unchecked Sendable {
        let client: Int32
        let server: Int32
        private let lock = NSLock()
        private var shutDown = false
        private var pumpsDone = 0

        init(client: Int32, server: Int32) {
            self.client = client
            self.server = server
        }

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

        private func finish() {
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
}

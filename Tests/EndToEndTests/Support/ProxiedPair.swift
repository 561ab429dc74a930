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

    /// Forwards bytes until the source ends or the cut point is reached (then calls `onCut` with
    /// the bytes passed), and ends the pair. With `replaying`, at the cut point it sends the
    /// application record before it once more (a replayed record) and goes on forwarding instead.
    func pump(from source: Int32, to destination: Int32, cut: CutPoint?, replaying: Bool = false, onCut: (Int) -> Void) {
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var records = TLSRecordScanner()
        var limit: Int? = if case .byte(let offset)? = cut { offset } else { nil }
        var tampering = cut != nil
        var passed = 0
        func send(_ bytes: ArraySlice<UInt8>) -> Bool {
            bytes.withUnsafeBytes { Glibc.send(destination, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
        }
        while true {
            if tampering, let limit, passed >= limit {
                onCut(passed)
                guard replaying, case .applicationRecord(let index, _, let handshakeRecords)? = cut,
                      let repeated = records.applicationRecord(index - 1, after: handshakeRecords) else { break }
                guard send(repeated[...]) else { break }
                tampering = false
            }
            let wanted = min(buffer.count, tampering ? (limit ?? .max) - passed : buffer.count)
            var count = buffer.withUnsafeMutableBytes { recv(source, $0.baseAddress, wanted, 0) }
            guard count > 0 else { break }
            if tampering, limit == nil, case .applicationRecord(let index, let offset, let handshakeRecords)? = cut {
                records.scan(buffer[..<count])
                if let start = records.startOfApplicationRecord(index, after: handshakeRecords) {
                    limit = start + offset
                    count = min(count, start + offset - passed)
                }
            }
            guard send(buffer[..<count]) else { break }
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

/// Where a proxy cuts a connection: after so many bytes, or inside a TLS record that carries
/// application data, counted after the handshake's own encrypted records (as OpenSSL 3 sends
/// TLS 1.3: the client's Finished is one such record; the server's EncryptedExtensions,
/// Certificate, CertificateVerify and Finished are four).
enum CutPoint: Sendable, Equatable {
    case byte(Int)
    /// `offset` bytes into the `index`th application record (0 is the first), its 5-byte header included.
    case applicationRecord(Int, offset: Int, handshakeRecords: Int)

    static func toServer(record index: Int, offset: Int) -> CutPoint { .applicationRecord(index, offset: offset, handshakeRecords: 1) }
    static func toClient(record index: Int, offset: Int) -> CutPoint { .applicationRecord(index, offset: offset, handshakeRecords: 4) }
}

/// Finds where TLS records start in a byte stream, from their 5-byte headers.
struct TLSRecordScanner {
    private var stream: [UInt8] = []
    private var nextRecord = 0
    /// Where each record of content type 23 (application data) starts, in order.
    private var encryptedRecordStarts: [Int] = []

    mutating func scan(_ bytes: ArraySlice<UInt8>) {
        stream.append(contentsOf: bytes)
        while nextRecord + 5 <= stream.count {
            if stream[nextRecord] == 23 { encryptedRecordStarts.append(nextRecord) }
            nextRecord += 5 + (Int(stream[nextRecord + 3]) << 8 | Int(stream[nextRecord + 4]))
        }
    }

    /// The bytes of a whole application record already scanned.
    func applicationRecord(_ index: Int, after handshakeRecords: Int) -> [UInt8]? {
        guard index >= 0, let start = startOfApplicationRecord(index, after: handshakeRecords), start + 5 <= stream.count else { return nil }
        let end = start + 5 + (Int(stream[start + 3]) << 8 | Int(stream[start + 4]))
        return end <= stream.count ? Array(stream[start..<end]) : nil
    }

    func startOfApplicationRecord(_ index: Int, after handshakeRecords: Int) -> Int? {
        let position = handshakeRecords + index
        return position < encryptedRecordStarts.count ? encryptedRecordStarts[position] : nil
    }
}

import Foundation
import LantianDomain
import LantianStore
import LantianTransport

/// Workload 12, what TLS costs: the time from connecting to the server's first message (its
/// challenge: TCP, and with TLS the handshake and the check of the server's pinned key), and the
/// server's memory per open connection, with TLS and on the plaintext debugging listener, against
/// the real `lantiand serve`. (Push and pull with and without TLS are workloads 2 and 3's own, in `Suite`.)
enum TransportSecurityWorkload {
    /// How each connection is made: the security, and for TLS the server's pinned key.
    static func security(_ channel: BenchChannel, serverStore: String) throws -> ChannelSecurity {
        guard channel == .tls else { return .plaintext }
        return .tls(try TLSContext(trusting: .pinned([try KeyFingerprint(certificateAt: serverStore + ".tls.crt")])))
    }

    /// Milliseconds from connecting to the server's challenge, for `samples` connections one after another.
    static func setupMilliseconds(server: RunningServer, security: ChannelSecurity, samples: Int) throws -> [Double] {
        let loop = try EventLoop()
        let endpoint = try Endpoint(parsing: server.address)
        var times: [Double] = []
        var failure: String?
        func next() {
            guard times.count < samples, failure == nil else { return loop.stop() }
            let started = ContinuousClock.now
            Connection.connect(loop: loop, endpoint: endpoint, maxFrameBytes: 1 << 20, security: security, timeoutMilliseconds: 10_000) { result in
                switch result {
                case .failure(let error):
                    failure = "\(error)"
                    loop.stop()
                case .success(let connection):
                    connection.onFrame = { [unowned connection] _ in
                        times.append((ContinuousClock.now - started).seconds * 1_000)
                        connection.onFrame = nil
                        connection.onClose = { _ in next() }
                        connection.abort()
                    }
                }
            }
        }
        next()
        loop.run()
        if let failure { throw BenchError.failed("connection setup: \(failure)") }
        return times
    }

    /// The server's resident memory per connection with `count` connections open, each having
    /// received its challenge (and said nothing: a phone that connected and waits), in bytes.
    static func bytesPerConnection(server: RunningServer, security: ChannelSecurity, count: Int) throws -> Double {
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        limit.rlim_cur = limit.rlim_max
        setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        let loop = try EventLoop()
        let endpoint = try Endpoint(parsing: server.address)
        let before = server.residentBytes
        var open: [Connection] = []
        var failures: [String] = []
        // In waves of 500, as phones do not all connect in one millisecond.
        for wave in stride(from: 0, to: count, by: 500) {
            var waiting = min(500, count - wave)
            for _ in 0..<waiting {
                Connection.connect(loop: loop, endpoint: endpoint, maxFrameBytes: 1 << 20, security: security, timeoutMilliseconds: 60_000) { result in
                    switch result {
                    case .failure(let error):
                        failures.append("\(error)")
                        loop.stop()
                    case .success(let connection):
                        open.append(connection)
                        connection.onFrame = { [unowned connection] _ in
                            connection.onFrame = nil
                            waiting -= 1
                            if waiting == 0 { loop.stop() }
                        }
                    }
                }
            }
            loop.run()
            guard failures.isEmpty else { throw BenchError.failed("\(failures.count) connections failed, first: \(failures[0])") }
        }
        Thread.sleep(forTimeInterval: 0.5)
        let after = server.residentBytes
        for connection in open { connection.abort() }
        let closing = try LoopTimer(loop: loop)
        closing.start(afterMilliseconds: 200) { closing.close() }
        loop.run()
        return Double(after - before) / Double(count)
    }
}

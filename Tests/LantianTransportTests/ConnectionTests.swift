import Foundation
import Testing
import LantianFraming
@testable import LantianTransport

/// Runs `loop` until it has nothing left to do, or stops it after `seconds` and reports that.
func run(_ loop: EventLoop, atMost seconds: UInt64 = 10) throws -> Bool {
    let watchdog = try LoopTimer(loop: loop)
    var timedOut = false
    watchdog.keepsLoopAlive = false
    watchdog.start(afterMilliseconds: seconds * 1000) { timedOut = true; loop.stop() }
    loop.run()
    watchdog.close()
    return !timedOut
}

/// A server's TLS context with a fresh self-signed key, and a client's that pins that key.
struct TLSPair {
    static let shared = try! TLSPair()  // a test fixture: failing to make it fails every test at once
    let server: ChannelSecurity
    let client: ChannelSecurity
    let identity: TLSIdentity

    init() throws {
        identity = try TLSIdentity.generate(commonName: "lantiand test")
        server = .tls(try TLSContext(serving: identity))
        client = .tls(try TLSContext(trusting: .pinned([identity.fingerprint])))
    }
}

@Suite struct ConnectionTests {
    let localhost = Endpoint(host: "127.0.0.1", port: 0)
    static let both: [String] = ["tls", "plaintext"]
    func securities(_ name: String) -> (server: ChannelSecurity, client: ChannelSecurity) {
        name == "tls" ? (TLSPair.shared.server, TLSPair.shared.client) : (.plaintext, .plaintext)
    }

    @Test(arguments: both) func framesArriveWholeAndInOrderWhateverTheirSize(_ security: String) throws {
        let loop = try EventLoop()
        let (serverSecurity, clientSecurity) = securities(security)
        let listener = try TCPListener(loop: loop, endpoint: localhost, maxFrameBytes: 8 << 20, security: serverSecurity)
        // Larger than a loopback socket takes at once, so part of it waits in libuv's write queue;
        // a marker every 4 KiB shows the bytes arrive in order.
        var large = [UInt8](repeating: 0, count: 3 << 20)
        for block in stride(from: 0, to: large.count, by: 4_096) { large[block] = UInt8(truncatingIfNeeded: block / 4_096 % 251 + 1) }
        let bodies: [[UInt8]] = [[1, 2, 3], large, [9]]
        var received: [[UInt8]] = []
        listener.onConnection = { connection in
            connection.onFrame = { body in
                received.append(body)
                if received.count == bodies.count { connection.close(); listener.close() }
            }
        }
        Connection.connect(loop: loop, endpoint: listener.boundEndpoint, maxFrameBytes: 1 << 10, security: clientSecurity,
                           timeoutMilliseconds: 2_000) { result in
            guard case .success(let connection) = result else { return listener.close() }
            for body in bodies { connection.send(body) }
            connection.close()
        }
        #expect(try run(loop, atMost: 60))
        #expect(received.map(\.count) == bodies.map(\.count))
        #expect(received == bodies, "the bytes differ")
    }

    @Test(arguments: both) func anOversizedFrameIsReportedToTheReceiverBeforeItsBodyArrives(_ security: String) throws {
        let loop = try EventLoop()
        let (serverSecurity, clientSecurity) = securities(security)
        let listener = try TCPListener(loop: loop, endpoint: localhost, maxFrameBytes: 1_024, security: serverSecurity)
        var reported: FrameError?
        listener.onConnection = { connection in
            connection.onFrame = { _ in Issue.record("an oversized frame must not be delivered") }
            connection.onFrameError = { error in
                reported = error
                connection.close()
                listener.close()
            }
        }
        Connection.connect(loop: loop, endpoint: listener.boundEndpoint, maxFrameBytes: 1_024, security: clientSecurity,
                           timeoutMilliseconds: 2_000) { result in
            guard case .success(let connection) = result else { return listener.close() }
            connection.send([UInt8](repeating: 1, count: 2_048))
            connection.close()
        }
        #expect(try run(loop))
        #expect(reported == .oversized(declaredBytes: 2_048, maxBytes: 1_024))
    }

    @Test(arguments: both) func aPeerClosingIsReportedOnce(_ security: String) throws {
        let loop = try EventLoop()
        let (serverSecurity, clientSecurity) = securities(security)
        let listener = try TCPListener(loop: loop, endpoint: localhost, maxFrameBytes: 1_024, security: serverSecurity)
        listener.onConnection = { connection in
            connection.close()
            listener.close()
        }
        var reasons: [Connection.CloseReason] = []
        Connection.connect(loop: loop, endpoint: listener.boundEndpoint, maxFrameBytes: 1_024, security: clientSecurity,
                           timeoutMilliseconds: 2_000) { result in
            guard case .success(let connection) = result else { return }
            connection.onClose = { reasons.append($0) }
        }
        #expect(try run(loop))
        #expect(reasons == [.peerClosed])
    }

    @Test func connectingWhereNothingListensFailsAsUnreachable() throws {
        let loop = try EventLoop()
        let listener = try TCPListener(loop: loop, endpoint: localhost, maxFrameBytes: 1_024, security: .plaintext)
        let closedPort = listener.boundEndpoint
        listener.close()
        var failure: TransportError?
        Connection.connect(loop: loop, endpoint: closedPort, maxFrameBytes: 1_024, security: TLSPair.shared.client, timeoutMilliseconds: 2_000) { result in
            if case .failure(let error) = result { failure = error }
        }
        #expect(try run(loop))
        #expect(failure?.name == "ECONNREFUSED")
        #expect(failure?.isUnreachable == true)
    }

    @Test func aHostThatDoesNotResolveFailsAsUnreachable() throws {
        let loop = try EventLoop()
        var failure: TransportError?
        Connection.connect(loop: loop, endpoint: Endpoint(host: "no-such-host.invalid", port: 7700), maxFrameBytes: 1_024,
                           security: TLSPair.shared.client, timeoutMilliseconds: 3_000) { result in
            if case .failure(let error) = result { failure = error }
        }
        #expect(try run(loop))
        #expect(failure?.isUnreachable == true)
    }
}

@Suite struct EndpointTests {
    @Test(arguments: [
        ("127.0.0.1:7700", Endpoint(host: "127.0.0.1", port: 7700)),
        ("[::1]:80", Endpoint(host: "::1", port: 80)),
        ("grid.liaocheng.example:7700", Endpoint(host: "grid.liaocheng.example", port: 7700)),
    ])
    func parsesHostAndPort(_ text: String, _ expected: Endpoint) throws {
        #expect(try Endpoint(parsing: text) == expected)
        #expect(expected.description == text)
    }

    @Test(arguments: ["7700", "host:", ":7700", "host:99999", "::1:7700", "[::1]7700", "host:port"])
    func refusesAnythingElseSayingWhatIsExpected(_ text: String) {
        #expect(throws: EndpointError(text: text)) { try Endpoint(parsing: text) }
        #expect(EndpointError(text: text).description.contains("HOST:PORT"))
    }
}

@Suite struct LoopTimerTests {
    @Test func aTimerCountsFromWhenItIsStartedNotFromWhenTheLoopLastRan() throws {
        let loop = try EventLoop()
        Thread.sleep(forTimeInterval: 0.3)  // work done before the loop runs leaves its cached time behind
        let timer = try LoopTimer(loop: loop)
        let started = Date()
        var firedAfter: TimeInterval?
        timer.start(afterMilliseconds: 200) {
            firedAfter = Date().timeIntervalSince(started)
            timer.close()
        }
        loop.run()
        #expect(try #require(firedAfter) >= 0.19)
    }
}

@Suite struct BackpressureTests {
    /// A peer that asks and asks but never reads its answers: the answering side stops reading its
    /// requests once its unwritten answers pass the high-water mark, so they stop piling up.
    @Test func aPeerThatDoesNotReadItsAnswersGetsNoMoreOfThem() throws {
        let loop = try EventLoop()
        let listener = try TCPListener(loop: loop, endpoint: Endpoint(host: "127.0.0.1", port: 0), maxFrameBytes: 1 << 20, security: .plaintext)
        var answered = 0
        var peakQueued = 0
        var paused = false
        var server: Connection?
        listener.onConnection = { connection in
            server = connection
            connection.writeHighWaterBytes = 1 << 20
            connection.onFrame = { _ in
                answered += 1
                connection.send([UInt8](repeating: 7, count: 256 << 10))  // a quarter-megabyte answer per request
                peakQueued = max(peakQueued, connection.queuedWriteBytes)
                paused = paused || connection.isReadingPaused
            }
        }
        // The asking side: a plain blocking socket that sends 200 small requests and reads nothing.
        let port = listener.boundEndpoint.port
        let asker = Thread {
            guard let raw = try? RawSocket(port: port) else { return }
            for _ in 0..<200 { raw.send(Frame.encode(body: [1])) }
            Thread.sleep(forTimeInterval: 1.5)
            raw.close()
        }
        asker.start()
        let stopper = try LoopTimer(loop: loop)
        stopper.start(afterMilliseconds: 1_000) {
            server?.abort()
            listener.close()
            stopper.close()
        }
        #expect(try run(loop))
        #expect(paused)
        #expect(answered < 200)  // it stopped taking requests…
        #expect(peakQueued < (1 << 20) + (256 << 10) + 1)  // …and never queued more than the mark plus one answer
    }
}

/// A minimal blocking client socket for transport tests.
final class RawSocket: @unchecked Sendable {
    private let socket: Int32

    init(port: UInt16) throws {
        socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TransportError(code: -errno, operation: "connect") }
    }

    func send(_ bytes: [UInt8]) {
        _ = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    func close() { Glibc.close(socket) }
}

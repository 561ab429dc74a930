import Foundation
import LantianDomain
import LantianWire
import Testing

/// Idle and half-open connections are found out and closed; live ones are kept.
@Suite struct LivenessTests {
    static func server() throws -> (ServerProcess, URL) {
        let folder = try temporaryFolder()
        return (try ServerProcess(database: folder.appendingPathComponent("server.sqlite").path, port: try freePort(), folder: folder,
                                  extraArguments: ["--idle-timeout", "1"]), folder)
    }

    @Test func aSilentConnectionIsPingedAndClosedWhenItDoesNotAnswer() throws {
        let (lantiand, folder) = try Self.server()
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        let silent = try RawConnection(port: lantiand.port)
        guard case .welcome? = try silent.helloAs(store: officer.store).0 else { Issue.record("expected welcome"); return }
        let started = Date()
        guard case .ping? = try silent.receive() else { Issue.record("expected a ping after a second of silence"); return }
        #expect(try silent.receive() == nil)  // no pong: closed
        #expect(Date().timeIntervalSince(started) < 8)
        #expect(lantiand.logText.contains("探测（ping）无应答，断开"))
        #expect(lantiand.stop() == 0)
    }

    /// Pings belong to sessions: one that never said hello is closed, never pinged (PROTOCOL.md, *Liveness*).
    @Test func aConnectionThatNeverSaysHelloIsClosedWithoutAPing() throws {
        let (lantiand, _) = try Self.server()
        let silent = try RawConnection(port: lantiand.port)
        let started = Date()
        #expect(try silent.receive() == nil)
        #expect(Date().timeIntervalSince(started) < 8)
        #expect(lantiand.logText.contains("空闲超时内未收到 hello，断开"))
        #expect(lantiand.stop() == 0)
    }

    /// A connection that opens TCP and never finishes its TLS handshake (a phone that lost signal
    /// at once, or someone holding sockets open) is closed after the same timeout.
    @Test func aConnectionThatNeverFinishesItsTLSHandshakeIsClosed() throws {
        let (lantiand, _) = try Self.server()
        let socket = try #require(LoopbackSocket.connect(to: lantiand.port))
        defer { close(socket) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let started = Date()
        #expect(LoopbackSocket.read(1, from: socket) == nil)  // closed, with nothing sent
        #expect(Date().timeIntervalSince(started) < 8)
        #expect(waitUntil(seconds: 5) { lantiand.logText.contains("TLS 握手未完成，断开") })  // the log is written as it closes
        #expect(lantiand.stop() == 0)
    }

    @Test func aConnectionThatAnswersPingsStaysOpen() throws {
        let (lantiand, folder) = try Self.server()
        let live = try RawConnection(port: lantiand.port)
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        guard case .welcome? = try live.helloAs(store: officer.store).0 else { Issue.record("expected welcome"); return }
        for _ in 0..<3 {
            guard case .ping(let nonce)? = try live.receive() else { Issue.record("expected a ping"); return }
            try live.send(.pong(nonce: nonce))
        }
        try live.send(.pull(Pull(after: 0, limit: 10)))
        var answer = try live.receive()
        while case .ping(let nonce)? = answer {
            try live.send(.pong(nonce: nonce))
            answer = try live.receive()
        }
        guard case .page? = answer else { Issue.record("the answered connection was closed: \(String(describing: answer))"); return }
        #expect(lantiand.stop() == 0)
    }

    @Test func theServerAnswersPingsAndSyncingIsUnaffected() throws {
        let (lantiand, folder) = try Self.server()
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        for index in 1...3 { try officer.reportFire(note: "#\(index)") }
        try officer.expectSuccess(["sync"])
        let pinger = try RawConnection(port: lantiand.port)
        guard case .welcome? = try pinger.helloAs(store: officer.store).0 else { Issue.record("expected welcome"); return }
        try pinger.send(.ping(nonce: 7))
        #expect(try pinger.receive() == .pong(nonce: 7))  // the server answers pings too
        let stranger = try RawConnection(port: lantiand.port)
        try stranger.send(.ping(nonce: 8))
        guard case .error(let error)? = try stranger.receive() else { Issue.record("a ping before hello was answered"); return }
        #expect(error.code == .unexpectedMessage)  // but only in a session: hello comes first
        #expect(try stranger.receive() == nil)
        #expect(lantiand.stop() == 0)
    }
}

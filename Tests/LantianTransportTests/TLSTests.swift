import Foundation
import Testing
@testable import LantianTransport

/// TLS 1.3 in the transport: the server's key pinned, nothing sent to another, the channel binding
/// shared by the two ends of one connection only, identity files that round-trip.
@Suite struct TLSTests {
    let localhost = Endpoint(host: "127.0.0.1", port: 0)

    @Test func aClientRefusesAServerWithAnotherKeyAndSendsItNothing() throws {
        let loop = try EventLoop()
        let impostor = try TLSIdentity.generate(commonName: "impostor")
        let listener = try TCPListener(loop: loop, endpoint: localhost, maxFrameBytes: 1_024, security: .tls(try TLSContext(serving: impostor)))
        var serverHeard: [[UInt8]] = []
        var serverHandshakeFailed = false
        listener.onConnection = { connection in connection.onFrame = { serverHeard.append($0) } }
        listener.onHandshakeFailure = { _, _ in serverHandshakeFailed = true; listener.close() }
        var failure: TransportError?
        Connection.connect(loop: loop, endpoint: listener.boundEndpoint, maxFrameBytes: 1_024, security: TLSPair.shared.client,
                           timeoutMilliseconds: 2_000) { result in
            guard case .failure(let error) = result else { Issue.record("connected to an impostor"); return }
            failure = error
        }
        #expect(try run(loop))
        #expect(failure?.tls == .untrustedServer(presented: impostor.fingerprint))
        #expect(failure?.isUnreachable == false)
        #expect(serverHandshakeFailed, "the impostor never completes its handshake: the client sent no Finished")
        #expect(serverHeard.isEmpty)
    }

    @Test func bothEndsShareTheChannelBindingAndAnotherConnectionHasAnother() throws {
        let loop = try EventLoop()
        let listener = try TCPListener(loop: loop, endpoint: localhost, maxFrameBytes: 1_024, security: TLSPair.shared.server)
        var serverSide: [[UInt8]] = []
        var clientSide: [[UInt8]] = []
        var held: [Connection] = []
        listener.onConnection = { connection in
            held.append(connection)
            connection.onFrame = { body in
                serverSide.append(connection.channelBinding)
                #expect(body == connection.channelBinding, "the client's value, as it sent it, is the server's")
                connection.close()
                if serverSide.count == 2 { listener.close() }
            }
        }
        for _ in 0..<2 {
            Connection.connect(loop: loop, endpoint: listener.boundEndpoint, maxFrameBytes: 1_024, security: TLSPair.shared.client,
                               timeoutMilliseconds: 2_000) { result in
                guard case .success(let connection) = result else { Issue.record("did not connect"); return }
                #expect(connection.serverKeyFingerprint == TLSPair.shared.identity.fingerprint)
                clientSide.append(connection.channelBinding)
                connection.send(connection.channelBinding)
                held.append(connection)
            }
        }
        #expect(try run(loop))
        #expect(serverSide.count == 2 && clientSide.count == 2)
        #expect(Set(serverSide) == Set(clientSide))
        #expect(serverSide[0] != serverSide[1])
        #expect(serverSide.allSatisfy { $0.count == 32 })
    }

    @Test func aTLSClientToAPlaintextServerFailsWithAReason() throws {
        let loop = try EventLoop()
        let listener = try TCPListener(loop: loop, endpoint: localhost, maxFrameBytes: 1_024, security: .plaintext)
        listener.onConnection = { connection in
            connection.send(Array("not TLS at all".utf8))
            listener.close()
        }
        var failure: TransportError?
        Connection.connect(loop: loop, endpoint: listener.boundEndpoint, maxFrameBytes: 1_024, security: TLSPair.shared.client,
                           timeoutMilliseconds: 2_000) { result in
            if case .failure(let error) = result { failure = error }
        }
        #expect(try run(loop))
        guard case .protocolFailure(let reason)? = failure?.tls else { Issue.record("expected a TLS failure, got \(String(describing: failure))"); return }
        #expect(!reason.isEmpty)
    }

    @Test func anIdentityWrittenAndReadBackHasTheSameFingerprint() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lantian-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let made = try TLSIdentity.readOrCreate(keyPath: folder + "/a.key", certificatePath: folder + "/a.crt", commonName: "lantiand")
        let read = try TLSIdentity.readOrCreate(keyPath: folder + "/a.key", certificatePath: folder + "/a.crt", commonName: "lantiand")
        #expect(made.fingerprint == read.fingerprint)
        #expect(try KeyFingerprint(certificateAt: folder + "/a.crt") == made.fingerprint)
        let permissions = try FileManager.default.attributesOfItem(atPath: folder + "/a.key")[.posixPermissions] as? Int
        #expect(permissions == 0o600)
        // Another key with this certificate is refused, naming the file.
        try TLSIdentity.generate(commonName: "other").write(keyPath: folder + "/b.key", certificatePath: folder + "/b.crt")
        #expect(throws: TLSFailure.identityFile(path: folder + "/a.crt", problem: .notForKey(folder + "/b.key"))) {
            try TLSIdentity.load(keyPath: folder + "/b.key", certificatePath: folder + "/a.crt")
        }
        // A key without its certificate is not silently replaced.
        try FileManager.default.removeItem(atPath: folder + "/a.crt")
        #expect(throws: TLSFailure.self) {
            try TLSIdentity.readOrCreate(keyPath: folder + "/a.key", certificatePath: folder + "/a.crt", commonName: "lantiand")
        }
    }
}

import Foundation
import LantianDomain
import LantianStore
import LantianTestSupport
import LantianWire
import Testing

/// Every connection between `lantian` and `lantiand` is TLS 1.3, and a device talks only to the
/// server whose key it pinned at enrolment: on the real binaries, with OpenSSL's own command-line
/// tools as the independent client and the impostor.
@Suite struct TLSTransportTests {
    @Test func opensslNegotiatesTLS13WithTheServerAndSeesTheKeyTheCodesPin() throws {
        let town = try Town()
        let handshake = try run(path: "/usr/bin/openssl", ["s_client", "-connect", town.server.address, "-tls1_3", "-brief"],
                                input: "", timeout: 20)
        let said = handshake.output + handshake.errors
        #expect(said.contains("Protocol version: TLSv1.3"), "\(said)")
        // With TLS 1.2 only, there is no handshake at all.
        let old = try run(path: "/usr/bin/openssl", ["s_client", "-connect", town.server.address, "-tls1_2", "-brief"], input: "", timeout: 20)
        #expect(!(old.output + old.errors).contains("Protocol version"), "\(old.output + old.errors)")

        // The key OpenSSL is shown is the one `lantiand tls show` names and the codes pin.
        let certificate = town.folder.appendingPathComponent("presented.pem").path
        let shown = try run(path: "/usr/bin/openssl", ["s_client", "-connect", town.server.address, "-showcerts"], input: "", timeout: 20).output
        let pem = try #require(shown.firstMatch(of: /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/)).output
        try String(pem).write(toFile: certificate, atomically: true, encoding: .utf8)
        let fingerprint = try Self.keyFingerprint(ofCertificate: certificate)
        let show = try TestGrid.lantiand(["tls", "show", "--db", town.server.database])
        #expect(show.contains(Self.grouped(fingerprint)), "\(show)")
        let pin = try #require(show.firstMatch(of: /[0-9A-Z]{5}-[0-9A-Z]{5}/)).output
        let code = try TestGrid.lantiand(["enroll", "officer.li", "--db", town.server.database])
        #expect(code.split(separator: "\n")[0].hasSuffix(String(pin)))
        // The pin as PROTOCOL.md defines it, computed by OpenSSL from the key OpenSSL was shown.
        #expect(try Self.pin(ofFingerprint: fingerprint) == String(pin))
        // An officer comparing keys with the administrator reads the same start on the phone.
        let status = try town.officer.expectSuccess(["status", "--offline"])
        #expect(status.contains("服务器密钥") && status.contains(String(fingerprint.prefix(8))), "\(status)")
    }

    /// PROTOCOL.md's pin: PBKDF2-HMAC-SHA256 of the fingerprint (`openssl kdf`), its first 50 bits
    /// in Crockford's base 32.
    static func pin(ofFingerprint hex: String) throws -> String {
        let derived = try run(path: "/usr/bin/openssl", ["kdf", "-keylen", "8", "-kdfopt", "digest:SHA256", "-kdfopt", "hexpass:\(hex)",
                                                        "-kdfopt", "salt:lantian.server-key-pin.v1", "-kdfopt", "iter:65536", "PBKDF2"])
        let bits = try #require(UInt64(derived.output.filter(\.isHexDigit), radix: 16)) >> 14
        let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
        let characters = String((0..<10).map { alphabet[Int(bits >> UInt64(5 * (9 - $0)) & 0x1F)] })
        return "\(characters.prefix(5))-\(characters.suffix(5))"
    }

    @Test func aCaptureOfASyncHoldsNoneOfTheRecordsBytes() throws {
        let note = "北街口秸秆焚烧取证备注甲乙丙"
        let town = try Town()
        let capture = try RecordingProxy(upstreamPort: town.server.port)
        try town.officer.reportFire(note: note)
        try town.officer.expectSuccess(["sync", "--server", capture.address])
        try town.supervisor.expectSuccess(["sync", "--server", capture.address])
        #expect(try town.supervisor.firePoints().map(\.note).contains(note))
        let captured = capture.captured
        #expect(captured.count > 1_000)
        for secret in [note, "officer.zhang", "supervisor.zhao", Town.cell] {
            #expect(!captured.contains(bytes: Array(secret.utf8)), "the capture holds \(secret)")
        }

        // The same capture of a plaintext session does hold them: the check can see a leak.
        let plain = try Town(plaintext: true)
        let leak = try RecordingProxy(upstreamPort: plain.server.port)
        try plain.officer.reportFire(note: note)
        try plain.officer.expectSuccess(["sync", "--server", leak.address])
        #expect(leak.captured.contains(bytes: Array(note.utf8)))
    }

    /// The machine in the middle relays to the real server: a device that trusted it would send
    /// it its hello (and the real server would still refuse the relayed proof, bound to another
    /// TLS channel: ``aSignatureMadeOnOneConnectionDoesNotOpenAnother()``).
    @Test func aMachineInTheMiddleWithAnotherKeyIsRefusedAndGetsNothing() throws {
        let town = try Town()
        try town.officer.reportFire(note: "不该被截取")
        let pending = try town.officer.status().pending
        let impostor = try Interceptor(upstreamPort: town.server.port, folder: town.folder)

        let refused = try town.officer.lantian(["sync", "--server", impostor.address])
        #expect(refused.status == 69)
        #expect(refused.errors.contains("不是本机入网时记下的那个"), "\(refused.errors)")
        #expect(refused.errors.contains(impostor.groupedFingerprint), "the message names the key presented: \(refused.errors)")
        #expect(impostor.fromClient.isEmpty, "the impostor read \(impostor.fromClient.count) bytes")
        let stillPending = try town.officer.status().pending
        #expect(pending > 0 && stillPending == pending)

        // Enrolling through it is refused before the code is sent: the code still works after.
        let newcomer = try FieldDevice(user: "officer.li", server: impostor.address, folder: town.folder)
        try TestGrid.register("officer.li", in: town.server.database)
        let issued = try TestGrid.lantiand(["enroll", "officer.li", "--db", town.server.database])
        let code = try #require(issued.split(separator: "\n").first?.split(separator: " ").last.map(String.init))
        let intercepted = try newcomer.lantian(["enroll", "--server", impostor.address, "--code", code, "--no-sync"])
        #expect(intercepted.status == 69, "\(intercepted.errors)")
        #expect(impostor.fromClient.isEmpty, "the impostor read \(impostor.fromClient.count) bytes")
        try newcomer.expectSuccess(["enroll", "--server", town.server.address, "--code", code])
        // A code without its pin is refused before connecting, saying what is missing.
        let unpinned = try FieldDevice(user: "officer.zhou", server: impostor.address, folder: town.folder)
        let short = try unpinned.lantian(["enroll", "--server", town.server.address, "--code", String(code.prefix(11))])
        #expect(short.status == 65)
        #expect(short.errors.contains("后两组"), "\(short.errors)")
    }

    @Test func aSignatureMadeOnOneConnectionDoesNotOpenAnother() throws {
        let town = try Town()
        // A relay: the challenge of connection B signed with the channel of connection A.
        let first = try RawConnection(port: town.server.port), second = try RawConnection(port: town.server.port)
        let store = try EventStore(path: town.officer.store)
        let device = try #require(try store.localDevice())
        let key = try KeyFile.read(KeyFile.path(forStore: town.officer.store))
        let relayed = try key.sign(SessionProof.hello(nonce: second.challenge.nonce, channel: first.channelBinding, credential: device.id, device: device.id))
        try second.send(.hello(Hello(versions: MessageCodec.versions, device: device.id, actor: device.actor, proof: relayed)))
        guard case .error(let error)? = try second.receive() else { Issue.record("a relayed proof was accepted"); return }
        #expect(error.code == .unauthenticated)
        // The same device signing its own connection's channel is welcomed.
        guard case .welcome? = try first.helloAs(store: town.officer.store).0 else { Issue.record("the device's own proof was refused"); return }
    }

    /// A record captured and sent again (a replay, or a middlebox repeating a segment's contents)
    /// fails TLS's authentication: the connection ends, nothing is stored twice, the next sync completes.
    @Test(arguments: [
        ("the push's first record replayed to the server", CutPoint.toServer(record: 2, offset: 0), CuttingProxy.Direction.toServer),
        ("an acknowledgement replayed to the client", .toClient(record: 3, offset: 0), .toClient),
    ])
    func aReplayedRecordEndsTheConnectionAndStoresNothingTwice(_ what: String, _ at: CutPoint, _ direction: CuttingProxy.Direction) throws {
        let folder = try temporaryFolder()
        let lantiand = try ServerProcess(database: folder.appendingPathComponent("server.sqlite").path, port: try freePort(), folder: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        try recordBacklog(4_500, on: officer)
        let proxy = try CuttingProxy(upstreamPort: lantiand.port, cut: at, direction: direction, replaying: true)
        let disturbed = try officer.lantian(["sync", "--server", proxy.address])
        #expect(proxy.bytesBeforeCut != nil, "\(what): nothing was replayed")
        #expect(disturbed.status == 69, "\(what): \(disturbed.errors)")
        try officer.expectSuccess(["sync"])
        try expectConverged(server: lantiand.database, devices: [officer])
    }

    @Test func revokedAndWrongKeyDevicesAreStillRefusedOverTLS() throws {
        let town = try Town()
        let device = try #require(try EventStore(path: town.staff.store).localDevice()).id
        try TestGrid.lantiand(["device", "revoke", device.uuidString, "--reason", "手机丢失", "--db", town.server.database])
        let revoked = try town.staff.lantian(["sync"])
        #expect(revoked.status != 0)
        #expect(revoked.errors.contains("revoked"), "\(revoked.errors)")

        try KeyFile.write(DeviceKey(), to: KeyFile.path(forStore: town.officer.store))
        let wrongKey = try town.officer.lantian(["sync"])
        #expect(wrongKey.status != 0)
        #expect(wrongKey.errors.contains("did not sign with the key it was enrolled with"), "\(wrongKey.errors)")
    }

    @Test func aRotatedKeyIsPinnedAtTheNextSyncAndAMissedRotationIsRefused() throws {
        let town = try Town()
        let database = town.server.database, port = town.server.port
        let before = try Self.keyFingerprint(ofCertificate: database + ".tls.crt")
        #expect(town.server.stop() == 0)
        let rotated = try TestGrid.lantiand(["tls", "rotate", "--db", database])
        let next = try Self.keyFingerprint(ofCertificate: database + ".tls-next.crt")
        #expect(rotated.contains(Self.grouped(next)))
        #expect(try run("lantiand", ["tls", "rotate", "--db", database]).status == 65)  // one rotation at a time

        // The officer syncs while the next key is announced; the staff's phone stays off.
        var server = try ServerProcess(database: database, port: port, folder: town.folder)
        try town.officer.expectSuccess(["sync"])
        #expect(try Self.pinned(town.officer) == [before, next])
        #expect(server.stop() == 0)
        try TestGrid.lantiand(["tls", "promote", "--db", database])
        #expect(try Self.keyFingerprint(ofCertificate: database + ".tls.crt") == next)
        server = try ServerProcess(database: database, port: port, folder: town.folder)

        try town.officer.expectSuccess(["sync"])
        #expect(try Self.pinned(town.officer) == [next])
        let missed = try town.staff.lantian(["sync"])
        #expect(missed.status == 69)
        #expect(missed.errors.contains("重新入网"), "\(missed.errors)")
        #expect(server.stop() == 0)
    }

    @Test func aPlaintextListenerIsForLoopbackOnlyAndNoClientFallsBackToIt() throws {
        let folder = try temporaryFolder()
        let database = folder.appendingPathComponent("server.sqlite").path
        try TestGrid.administer(database)
        let outside = try run("lantiand", ["serve", "--db", database, "--listen", "0.0.0.0:\(try freePort())", "--insecure-plaintext-loopback"],
                              timeout: 20)
        #expect(outside.status == 65)
        #expect(outside.errors.contains("明文监听只能用于本机调试"), "\(outside.errors)")

        // An enrolled device pointed at a plaintext server does not speak plaintext to it.
        let town = try Town()
        let plain = try ServerProcess(database: folder.appendingPathComponent("plain.sqlite").path, port: try freePort(), folder: folder,
                                      plaintext: true)
        #expect(plain.logText.contains("明文监听"), "the server says so loudly: \(plain.logText)")
        let refused = try town.officer.lantian(["sync", "--server", plain.address])
        #expect(refused.status == 69)
        #expect(refused.errors.contains("无法与服务器建立加密连接"), "\(refused.errors)")
        // And the switch that allows plaintext only reaches loopback servers.
        let remote = try town.officer.lantian(["sync", "--server", "10.255.255.1:7700"], environment: ["LANTIAN_INSECURE_PLAINTEXT_LOOPBACK": "1"])
        #expect(remote.status == 65)
        #expect(remote.errors.contains("只允许连接本机"), "\(remote.errors)")
    }

    // MARK: Helpers

    /// The SHA-256 of a certificate's public key (SubjectPublicKeyInfo), by OpenSSL's own tools.
    static func keyFingerprint(ofCertificate path: String) throws -> String {
        let result = try run(path: "/bin/sh", ["-c", "openssl x509 -in '\(path)' -pubkey -noout | openssl pkey -pubin -outform der | sha256sum"])
        return try #require(result.output.split(separator: " ").first.map(String.init))
    }

    /// Hex in groups of eight, as `lantiand` and `lantian` print fingerprints.
    static func grouped(_ hex: String) -> String {
        stride(from: 0, to: hex.count, by: 8).map { start in
            String(hex.dropFirst(start).prefix(8))
        }.joined(separator: " ")
    }

    /// The TLS keys the device has pinned (current, then next), as hex.
    static func pinned(_ device: FieldDevice) throws -> [String] {
        let local = try #require(try EventStore(path: device.store).localDevice())
        return [local.serverTLSKey, local.serverNextTLSKey].compactMap { $0?.map { String(format: "%02x", $0) }.joined() }
    }
}

/// A deployment with its own certificate authority: the server runs with its certificate, devices
/// enrol with the CA bundle and check the certificate names the address they dial.
@Suite struct OwnPKITests {
    @Test func aServerWithACertificateFromTheCAIsTrustedThroughTheBundleAndOneFromAnotherCAIsNot() throws {
        let folder = try temporaryFolder()
        func openssl(_ arguments: [String]) throws {
            let result = try run(path: "/usr/bin/openssl", arguments)
            guard result.status == 0 else { throw Failure("openssl \(arguments.joined(separator: " ")): \(result.errors)") }
        }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        // A city's CA, and a server certificate it signs for 127.0.0.1.
        for ca in ["ca", "other-ca"] {
            try openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", path("\(ca).key"),
                         "-out", path("\(ca).crt"), "-subj", "/CN=\(ca)", "-days", "30"])
        }
        try openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", path("server.key"),
                     "-out", path("server.csr"), "-subj", "/CN=lantiand"])
        try "subjectAltName=IP:127.0.0.1\n".write(toFile: path("san.ext"), atomically: true, encoding: .utf8)
        try openssl(["x509", "-req", "-in", path("server.csr"), "-CA", path("ca.crt"), "-CAkey", path("ca.key"), "-CAcreateserial",
                     "-out", path("server.crt"), "-days", "30", "-extfile", path("san.ext")])

        let database = path("server.sqlite")
        let lantiand = try ServerProcess(database: database, port: try freePort(), folder: folder,
                                         extraArguments: ["--tls-cert", path("server.crt"), "--tls-key", path("server.key")])
        let officer = try FieldDevice(user: "officer.zhang", server: "127.0.0.1:1", folder: folder)
        try TestGrid.register("officer.zhang", in: database)
        func code() throws -> String {
            let issued = try TestGrid.lantiand(["enroll", "officer.zhang", "--db", database, "--tls-cert", path("server.crt")])
            return try #require(issued.split(separator: "\n").first?.split(separator: " ").last.map(String.init))
        }
        // A bundle of another CA: refused, saying the certificate does not verify.
        let wrong = try officer.lantian(["enroll", "--server", lantiand.address, "--code", try code(), "--ca-file", path("other-ca.crt")])
        #expect(wrong.status == 69, "\(wrong.errors)")
        #expect(wrong.errors.contains("does not verify"), "\(wrong.errors)")
        // The city's CA: enrolled, synced, and the bundle kept for every later sync.
        try officer.expectSuccess(["enroll", "--server", lantiand.address, "--code", try code(), "--ca-file", path("ca.crt")])
        try officer.reportFire(note: "证书体系")
        try officer.expectSuccess(["sync"])
        let device = try #require(try EventStore(path: officer.store).localDevice())
        #expect(device.certificateAuthorities == path("ca.crt"))
        #expect(device.serverTLSKey == nil)
        // Dialled by another name than the certificate's, it is refused.
        let misnamed = try officer.lantian(["sync", "--server", "localhost:\(lantiand.port)"])
        #expect(misnamed.status == 69, "\(misnamed.errors)")
        #expect(misnamed.errors.contains("does not verify"), "\(misnamed.errors)")
        #expect(lantiand.stop() == 0)
    }
}

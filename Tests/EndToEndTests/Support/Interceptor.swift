import CLantianOpenSSL
import Foundation

/// A machine in the middle: it answers TLS with a key of its own (made by `openssl req`), opens
/// TLS to the real server, and relays the decrypted bytes both ways, keeping what the client sent.
/// Whatever a device would tell such a machine, it holds in ``fromClient``.
final class Interceptor: @unchecked Sendable {
    let address: String
    /// Its key's SHA-256, grouped as the client prints it.
    let groupedFingerprint: String
    private let listener: Int32
    private let context: OpaquePointer
    private let upstreamContext: OpaquePointer
    private let lock = NSLock()
    private var seen: [UInt8] = []

    init(upstreamPort: UInt16, folder: URL) throws {
        let key = folder.appendingPathComponent("impostor-\(UUID().uuidString).key").path
        let certificate = key.replacingOccurrences(of: ".key", with: ".crt")
        let made = try run(path: "/usr/bin/openssl", ["req", "-x509", "-newkey", "ed25519", "-nodes", "-keyout", key, "-out", certificate,
                                                     "-subj", "/CN=lantiand", "-days", "1"])
        guard made.status == 0 else { throw Failure("openssl req failed: \(made.errors)") }
        groupedFingerprint = TLSTransportTests.grouped(try TLSTransportTests.keyFingerprint(ofCertificate: certificate))
        context = SSL_CTX_new(TLS_server_method())
        guard SSL_CTX_use_certificate_file(context, certificate, SSL_FILETYPE_PEM) == 1,
              SSL_CTX_use_PrivateKey_file(context, key, SSL_FILETYPE_PEM) == 1 else { throw Failure("the impostor's key does not load") }
        upstreamContext = SSL_CTX_new(TLS_client_method())
        SSL_CTX_set_verify(upstreamContext, SSL_VERIFY_NONE, nil)
        let (listener, port) = try LoopbackSocket.listen()
        self.listener = listener
        address = "127.0.0.1:\(port)"
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else { return }
                Thread.detachNewThread { self.relay(client, upstreamPort: upstreamPort) }
            }
        }
    }

    /// The plaintext the client sent it.
    var fromClient: [UInt8] { lock.withLock { seen } }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    private func relay(_ client: Int32, upstreamPort: UInt16) {
        guard let server = LoopbackSocket.connect(to: upstreamPort) else {
            close(client)
            return
        }
        let toClient = SSL_new(context), toServer = SSL_new(upstreamContext)
        defer { SSL_free(toClient); SSL_free(toServer); close(client); close(server) }
        SSL_set_fd(toClient, client)
        SSL_set_fd(toServer, server)
        guard SSL_accept(toClient) == 1, SSL_connect(toServer) == 1 else { return }
        // One thread for both ways: an OpenSSL session is not read and written from two threads at once.
        var sockets = [pollfd(fd: client, events: Int16(POLLIN), revents: 0), pollfd(fd: server, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 16 << 10)
        while poll(&sockets, 2, 30_000) > 0 {
            for (index, (source, destination)) in [(toClient, toServer), (toServer, toClient)].enumerated() where sockets[index].revents != 0 {
                repeat {
                    let count = buffer.withUnsafeMutableBytes { SSL_read(source, $0.baseAddress, Int32($0.count)) }
                    guard count > 0 else { return }
                    if index == 0 { lock.withLock { seen.append(contentsOf: buffer[..<Int(count)]) } }
                    guard buffer.withUnsafeBytes({ SSL_write(destination, $0.baseAddress, count) }) == count else { return }
                } while SSL_pending(source) > 0
            }
        }
    }
}

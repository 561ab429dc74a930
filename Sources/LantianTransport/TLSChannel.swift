import CLantianOpenSSL

/// One connection's TLS 1.3 session, between the socket's bytes and the frames, with no socket
/// of its own: OpenSSL reads what arrived from one memory BIO and writes what is to be sent to
/// another, which ``Connection`` drains to libuv.
///
/// Plaintext given before the handshake is done waits, and is sealed once the peer is trusted:
/// a client sends nothing to a server it does not trust.
final class TLSChannel {
    enum Role { case client(serverName: String), server }

    private let ssl: OpaquePointer
    private let incoming: OpaquePointer
    private let outgoing: OpaquePointer
    private let trust: ServerTrust?
    private var waiting: [[UInt8]] = []
    /// Records of what waited, sealed as the handshake finished, not yet taken (``takeOutgoing()``).
    private var sealedEarly: [UInt8] = []
    private(set) var isEstablished = false
    /// The server's key, once established (a client's view).
    private(set) var peerFingerprint: KeyFingerprint?

    init(context: TLSContext, role: Role) throws(TLSFailure) {
        guard let ssl = SSL_new(context.raw) else { throw .call("SSL_new") }
        guard let incoming = BIO_new(BIO_s_mem()), let outgoing = BIO_new(BIO_s_mem()) else {
            SSL_free(ssl)
            throw .call("BIO_new")
        }
        // An empty incoming buffer means "more is coming", not the end of the stream.
        _ = lantian_BIO_set_mem_eof_return(incoming, -1)
        SSL_set_bio(ssl, incoming, outgoing)
        self.ssl = ssl
        self.incoming = incoming
        self.outgoing = outgoing
        trust = context.trust
        switch role {
        case .client(let serverName):
            SSL_set_connect_state(ssl)
            let isAddress = SocketAddress.numeric(Endpoint(host: serverName, port: 0)) != nil  // localhost counts as one
            if !isAddress { _ = lantian_SSL_set_tlsext_host_name(ssl, serverName) }
            if context.trust?.certificateAuthorities != nil {
                // The certificate must name the host dialled: its DNS name, or its IP address.
                let named = serverName == "localhost" || !isAddress
                    ? SSL_set1_host(ssl, serverName) : X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), serverName)
                guard named == 1 else { throw .call("naming the host to verify") }  // deinit frees the session
            }
        case .server:
            SSL_set_accept_state(ssl)
        }
    }

    deinit { SSL_free(ssl) }

    /// Starts the handshake (a client's first flight).
    func start() throws(TLSFailure) { try advance() }

    /// The most bytes given to OpenSSL's memory buffers at once, either way: the buffers keep the
    /// largest size they ever held for as long as the connection lives, so a 4 MB page must not
    /// pass through them whole.
    static let sliceBytes = 16 << 10

    /// Takes bytes from the socket; decrypts what they complete into `scratch` and hands it to
    /// `deliver`. The handshake may finish on the way (``isEstablished``).
    func receive(_ bytes: UnsafeRawBufferPointer, scratch: UnsafeMutableRawBufferPointer,
                 deliver: (UnsafeRawBufferPointer) -> Void) throws(TLSFailure) {
        var offset = 0
        while offset < bytes.count {
            let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<min(offset + Self.sliceBytes, bytes.count)])
            guard BIO_write(incoming, slice.baseAddress, Int32(slice.count)) == slice.count else { throw .call("BIO_write") }
            offset += slice.count
            if !isEstablished { try advance() }
            guard isEstablished else { continue }
            while true {
                let count = SSL_read(ssl, scratch.baseAddress, Int32(scratch.count))
                guard count > 0 else {
                    try check(count, during: "reading")
                    break
                }
                deliver(UnsafeRawBufferPointer(rebasing: scratch.prefix(Int(count))))
            }
        }
    }

    /// Seals `plaintext` for sending, a slice at a time, handing each slice's records to `drain`;
    /// before the handshake is done it waits instead.
    func send(_ plaintext: [UInt8], drain: ([UInt8]) -> Void) throws(TLSFailure) {
        guard isEstablished else { return waiting.append(plaintext) }
        try seal(plaintext, drain: drain)
    }

    /// The bytes TLS has ready for the socket: handshake messages, records, alerts.
    func takeOutgoing() -> [UInt8]? {
        if !sealedEarly.isEmpty {
            defer { sealedEarly = [] }
            return sealedEarly + (takeBuffered() ?? [])
        }
        return takeBuffered()
    }

    private func takeBuffered() -> [UInt8]? {
        let count = Int(lantian_BIO_pending(outgoing))
        guard count > 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: count)
        let read = Int(BIO_read(outgoing, &bytes, Int32(count)))
        guard read > 0 else { return nil }
        if read < count { bytes.removeLast(count - read) }
        return bytes
    }

    /// Says goodbye (a close_notify alert, left in the outgoing bytes).
    func shutDown() {
        guard isEstablished else { return }
        _ = SSL_shutdown(ssl)
        ERR_clear_error()
    }

    /// A value both ends of this TLS session compute alike, and nobody else can (RFC 8446 §7.5):
    /// a signature over it cannot be replayed on another connection.
    func exportedKeyingMaterial(label: String, count: Int = 32) -> [UInt8]? {
        guard isEstablished else { return nil }
        var material = [UInt8](repeating: 0, count: count)
        let labelBytes = Array(label.utf8)
        guard SSL_export_keying_material(ssl, &material, count, labelBytes.map { CChar(bitPattern: $0) }, labelBytes.count, nil, 0, 0) == 1 else {
            ERR_clear_error()
            return nil
        }
        return material
    }

    private func advance() throws(TLSFailure) {
        let result = SSL_do_handshake(ssl)
        guard result == 1 else { return try check(result, during: "the handshake") }
        if let trust {
            guard let certificate = SSL_get0_peer_certificate(ssl), let key = X509_get0_pubkey(certificate) else {
                throw .protocolFailure("the server presented no certificate")
            }
            let fingerprint = try KeyFingerprint(of: key)
            guard trust.acceptsKey(fingerprint) else { throw .untrustedServer(presented: fingerprint) }
            peerFingerprint = fingerprint
        }
        isEstablished = true
        let waiting = waiting
        self.waiting = []
        // What waited is small (a server's challenge): its records stay for the caller to drain.
        for plaintext in waiting { try seal(plaintext) { sealedEarly.append(contentsOf: $0) } }
    }

    /// Seals `plaintext` a slice at a time; between slices, hands the records so far to `drain`.
    private func seal(_ plaintext: [UInt8], drain: ([UInt8]) -> Void) throws(TLSFailure) {
        var offset = 0
        while offset < plaintext.count {
            let end = min(offset + Self.sliceBytes, plaintext.count)
            let written = plaintext.withUnsafeBytes { SSL_write(ssl, $0.baseAddress! + offset, Int32(end - offset)) }
            guard written == end - offset else { return try check(written, during: "writing") }
            offset = end
            if offset < plaintext.count, let records = takeOutgoing() { drain(records) }
        }
    }

    /// Whether a non-positive result only means "wait for more bytes"; otherwise the failure.
    private func check(_ result: Int32, during step: String) throws(TLSFailure) {
        let error = SSL_get_error(ssl, result)
        switch error {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            return
        case SSL_ERROR_ZERO_RETURN:
            throw isEstablished ? .closedByPeer : .closedDuringHandshake
        default:
            let reason = TLSFailure.lastError()
            if !isEstablished, let verifyFailure = verificationFailure() { throw .protocolFailure(verifyFailure) }
            throw .protocolFailure("\(step): \(reason)")
        }
    }

    private func verificationFailure() -> String? {
        let result = SSL_get_verify_result(ssl)
        guard result != X509_V_OK else { return nil }
        return "the server's certificate does not verify: \(String(cString: X509_verify_cert_error_string(result)))"
    }
}

import CLantianOpenSSL

/// Why TLS failed: the handshake, the peer's identity, a damaged record, or an identity file.
public enum TLSFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The server presented a key the client does not trust (another server, or someone in between).
    case untrustedServer(presented: KeyFingerprint)
    /// The handshake or a record failed; OpenSSL's reason.
    case protocolFailure(String)
    /// The peer closed the connection before the handshake finished.
    case closedDuringHandshake
    /// The peer said goodbye (a close_notify alert): the connection's end, not a fault.
    case closedByPeer
    /// An OpenSSL call failed while setting up: which, and OpenSSL's reasons.
    case openSSL(String)
    /// A key or certificate file is missing, unreadable or wrong.
    case identityFile(path: String, problem: FileProblem)

    /// What is wrong with a key or certificate file.
    public enum FileProblem: Hashable, Sendable, CustomStringConvertible {
        case unreadable
        case unwritable
        /// It holds no PEM block of the kind expected (a key, a certificate).
        case notPEM
        /// The certificate is missing while its key (this path) exists, or the other way round.
        case missingBeside(String)
        /// The certificate is not for the key in this file.
        case notForKey(String)
        /// A certificate that names no public key.
        case noPublicKey

        public var description: String {
            switch self {
            case .unreadable: "cannot be read"
            case .unwritable: "cannot be written"
            case .notPEM: "holds no PEM block of the kind expected"
            case .missingBeside(let other): "is missing while \(other) exists"
            case .notForKey(let key): "holds a certificate that is not for the key in \(key)"
            case .noPublicKey: "names no public key"
            }
        }
    }

    public var description: String {
        switch self {
        case .untrustedServer(let presented): "the server presented a TLS key this device does not trust (SHA-256 \(presented))"
        case .protocolFailure(let reason): "TLS failed: \(reason)"
        case .closedDuringHandshake: "the connection closed during the TLS handshake"
        case .closedByPeer: "the peer closed the TLS session"
        case .openSSL(let detail): "OpenSSL failed in \(detail)"
        case .identityFile(let path, let problem): "TLS file \(path) \(problem)"
        }
    }

    /// `name` failed: with the reasons OpenSSL queued.
    static func call(_ name: String) -> TLSFailure { .openSSL("\(name): \(lastError())") }

    /// OpenSSL's queued errors as one line, emptying the queue.
    static func lastError() -> String {
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return reasons.isEmpty ? "no reason given" : reasons.joined(separator: "; ")
    }
}

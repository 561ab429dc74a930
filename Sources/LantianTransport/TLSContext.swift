import CLantianOpenSSL

/// OpenSSL's settings for one side of many connections: TLS 1.3 only, no session tickets.
/// A server's names its ``TLSIdentity``; a client's says which servers it trusts (``ServerTrust``).
public final class TLSContext: @unchecked Sendable {
    let raw: OpaquePointer
    /// The client's trust; `nil` on a server.
    let trust: ServerTrust?
    /// The server's identity; `nil` on a client.
    public let identity: TLSIdentity?

    /// A server's context presenting `identity`.
    public init(serving identity: TLSIdentity) throws(TLSFailure) {
        raw = try Self.make(TLS_server_method())
        self.identity = identity
        trust = nil
        guard let leaf = identity.chain.first, SSL_CTX_use_certificate(raw, leaf) == 1,
              identity.chain.dropFirst().allSatisfy({ lantian_SSL_CTX_add1_chain_cert(raw, $0) == 1 }),
              SSL_CTX_use_PrivateKey(raw, identity.key) == 1, SSL_CTX_check_private_key(raw) == 1 else {
            SSL_CTX_free(raw)
            throw .call("loading the server's certificate and key")
        }
    }

    /// A client's context trusting servers as `trust` says.
    public init(trusting trust: ServerTrust) throws(TLSFailure) {
        raw = try Self.make(TLS_client_method())
        self.trust = trust
        identity = nil
        if let bundle = trust.certificateAuthorities {
            guard SSL_CTX_load_verify_locations(raw, bundle, nil) == 1 else {
                SSL_CTX_free(raw)
                ERR_clear_error()
                throw .identityFile(path: bundle, problem: .notPEM)
            }
            SSL_CTX_set_verify(raw, SSL_VERIFY_PEER, nil)
        } else {
            // No authority: the key is checked against the pins once the handshake is done, before
            // anything is sent (``TLSChannel``).
            SSL_CTX_set_verify(raw, SSL_VERIFY_NONE, nil)
        }
    }

    deinit { SSL_CTX_free(raw) }

    private static func make(_ method: OpaquePointer?) throws(TLSFailure) -> OpaquePointer {
        guard let context = SSL_CTX_new(method) else { throw .call("SSL_CTX_new") }
        guard lantian_SSL_CTX_set_min_proto_version(context, TLS1_3_VERSION) == 1,
              SSL_CTX_set_num_tickets(context, 0) == 1 else {
            SSL_CTX_free(context)
            throw .call("setting TLS 1.3 only")
        }
        _ = lantian_SSL_CTX_set_session_cache_mode(context, Int(SSL_SESS_CACHE_OFF))
        _ = lantian_SSL_CTX_set_mode(context, Int(SSL_MODE_RELEASE_BUFFERS))
        return context
    }
}

/// Which servers a client trusts: keys it has pinned (by ``KeyFingerprint``), and optionally
/// the certificate authorities of a deployment with its own PKI.
public struct ServerTrust: Sendable {
    /// Whether a server key, by its fingerprint, is one this client trusts.
    public var acceptsKey: @Sendable (KeyFingerprint) -> Bool
    /// A PEM bundle of CA certificates: the server's chain must verify against it and name the host.
    public var certificateAuthorities: String?

    public init(certificateAuthorities: String? = nil, acceptsKey: @escaping @Sendable (KeyFingerprint) -> Bool) {
        self.acceptsKey = acceptsKey
        self.certificateAuthorities = certificateAuthorities
    }

    /// Trusts exactly these keys.
    public static func pinned(_ fingerprints: Set<KeyFingerprint>) -> ServerTrust {
        ServerTrust { fingerprints.contains($0) }
    }
}

import CLantianOpenSSL

/// The SHA-256 of a public key's DER SubjectPublicKeyInfo: what a device pins of its server (the
/// same value as `openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | sha256sum`).
public struct KeyFingerprint: Hashable, Sendable, CustomStringConvertible {
    public static let byteCount = 32
    public let bytes: [UInt8]

    /// `nil` unless `bytes` has 32 bytes.
    public init?(bytes: [UInt8]) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = bytes
    }

    init(of key: OpaquePointer) throws(TLSFailure) {
        var der: UnsafeMutablePointer<UInt8>?
        let length = i2d_PUBKEY(key, &der)
        guard length > 0, let der else { throw .call("i2d_PUBKEY") }
        defer { CRYPTO_free(der, #fileID, #line) }
        var digest = [UInt8](repeating: 0, count: Self.byteCount)
        var digestLength: UInt32 = 0
        guard EVP_Digest(der, Int(length), &digest, &digestLength, EVP_sha256(), nil) == 1 else { throw .call("EVP_Digest") }
        bytes = digest
    }

    /// The fingerprint of the key the first certificate in a PEM file names.
    public init(certificateAt path: String) throws(TLSFailure) {
        let certificate = try PEMFile.read(path) { bio in PEM_read_bio_X509(bio, nil, nil, nil) }
        defer { X509_free(certificate) }
        guard let key = X509_get0_pubkey(certificate) else { throw .identityFile(path: path, problem: .noPublicKey) }
        try self.init(of: key)
    }

    /// Lower-case hex, 64 characters.
    public var hex: String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// The hex in groups of four, for people comparing two of them.
    public var description: String {
        stride(from: 0, to: hex.count, by: 8).map { start in
            let from = hex.index(hex.startIndex, offsetBy: start)
            return String(hex[from..<hex.index(from, offsetBy: 8)])
        }.joined(separator: " ")
    }
}

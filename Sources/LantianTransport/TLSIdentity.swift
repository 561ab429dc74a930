import CLantianOpenSSL
import Foundation

/// A server's TLS identity: its private key and the certificate chain that names the public half.
///
/// `lantiand` makes its own on first start (``readOrCreate(keyPath:certificatePath:commonName:)``):
/// an Ed25519 key and a certificate it signs itself, which devices pin by ``fingerprint`` (no
/// certificate authority is involved). A deployment with its own PKI loads its files instead
/// (``load(keyPath:certificatePath:)``).
///
/// ```swift
/// let identity = try TLSIdentity.readOrCreate(keyPath: "server.tls.key", certificatePath: "server.tls.crt", commonName: "lantiand")
/// print(identity.fingerprint.hex)  // what devices pin
/// ```
public final class TLSIdentity: @unchecked Sendable {
    let key: OpaquePointer
    /// The leaf first, then any intermediates.
    let chain: [OpaquePointer]

    /// The SHA-256 of the leaf's SubjectPublicKeyInfo: what a device pins.
    public let fingerprint: KeyFingerprint

    private init(key: OpaquePointer, chain: [OpaquePointer]) throws(TLSFailure) {
        self.key = key
        self.chain = chain
        fingerprint = try KeyFingerprint(of: key)
    }

    deinit {
        EVP_PKEY_free(key)
        for certificate in chain { X509_free(certificate) }
    }

    /// Reads the key and certificate at these paths, or makes both if neither exists: a new
    /// Ed25519 key (written readable by its owner only) and a certificate it signs itself.
    public static func readOrCreate(keyPath: String, certificatePath: String, commonName: String) throws(TLSFailure) -> TLSIdentity {
        let files = FileManager.default
        switch (files.fileExists(atPath: keyPath), files.fileExists(atPath: certificatePath)) {
        case (true, true):
            return try load(keyPath: keyPath, certificatePath: certificatePath)
        case (false, false):
            let identity = try generate(commonName: commonName)
            try identity.write(keyPath: keyPath, certificatePath: certificatePath)
            return identity
        case (true, false):
            throw .identityFile(path: certificatePath, problem: .missingBeside(keyPath))
        case (false, true):
            throw .identityFile(path: keyPath, problem: .missingBeside(certificatePath))
        }
    }

    /// Loads a PEM private key and a PEM certificate chain (leaf first), and checks they match.
    public static func load(keyPath: String, certificatePath: String) throws(TLSFailure) -> TLSIdentity {
        let key = try PEMFile.read(keyPath) { bio in PEM_read_bio_PrivateKey(bio, nil, nil, nil) }
        var chain: [OpaquePointer] = []
        do {
            chain = try PEMFile.readAll(certificatePath) { bio in PEM_read_bio_X509(bio, nil, nil, nil) }
        } catch {
            EVP_PKEY_free(key)
            throw error
        }
        guard let leaf = chain.first, X509_check_private_key(leaf, key) == 1 else {
            EVP_PKEY_free(key)
            for certificate in chain { X509_free(certificate) }
            throw .identityFile(path: certificatePath, problem: .notForKey(keyPath))
        }
        return try TLSIdentity(key: key, chain: chain)
    }

    /// A new Ed25519 key and a self-signed certificate for it, valid for a century: devices pin
    /// the key, so the certificate's dates carry no meaning.
    public static func generate(commonName: String) throws(TLSFailure) -> TLSIdentity {
        guard let context = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nil) else { throw .call("EVP_PKEY_CTX_new_id") }
        defer { EVP_PKEY_CTX_free(context) }
        var key: OpaquePointer?
        guard EVP_PKEY_keygen_init(context) == 1, EVP_PKEY_keygen(context, &key) == 1, let key else { throw .call("EVP_PKEY_keygen") }
        guard let certificate = X509_new() else {
            EVP_PKEY_free(key)
            throw .call("X509_new")
        }
        var serial = [UInt8](repeating: 0, count: 16)
        var made = RAND_bytes(&serial, Int32(serial.count)) == 1
        serial[0] &= 0x7F  // a positive INTEGER
        let number = BN_bin2bn(serial, Int32(serial.count), nil)
        defer { BN_free(number) }
        let name = X509_get_subject_name(certificate)
        made = made && X509_set_version(certificate, 2) == 1
            && BN_to_ASN1_INTEGER(number, X509_get_serialNumber(certificate)) != nil
            && X509_gmtime_adj(X509_getm_notBefore(certificate), -86_400) != nil
            && X509_time_adj_ex(X509_getm_notAfter(certificate), 36_500, 0, nil) != nil
            && X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, commonName, -1, -1, 0) == 1
            && X509_set_issuer_name(certificate, name) == 1
            && X509_set_pubkey(certificate, key) == 1
            && X509_sign(certificate, key, nil) > 0
        guard made else {
            EVP_PKEY_free(key)
            X509_free(certificate)
            throw .call("making the self-signed certificate")
        }
        return try TLSIdentity(key: key, chain: [certificate])
    }

    /// Writes the key (mode 0600) and the certificate chain as PEM.
    public func write(keyPath: String, certificatePath: String) throws(TLSFailure) {
        try PEMFile.write(keyPath, permissions: 0o600) { bio in PEM_write_bio_PrivateKey(bio, key, nil, nil, 0, nil, nil) }
        try PEMFile.write(certificatePath, permissions: 0o644) { bio in
            chain.allSatisfy { PEM_write_bio_X509(bio, $0) == 1 } ? 1 : 0
        }
    }
}

/// PEM files read and written through OpenSSL's memory BIOs.
enum PEMFile {
    static func read(_ path: String, _ parse: (OpaquePointer?) -> OpaquePointer?) throws(TLSFailure) -> OpaquePointer {
        guard let first = try readAll(path, parse).first else { throw .identityFile(path: path, problem: .notPEM) }  // no subscript to trap on
        return first
    }

    static func readAll(_ path: String, _ parse: (OpaquePointer?) -> OpaquePointer?) throws(TLSFailure) -> [OpaquePointer] {
        guard let data = FileManager.default.contents(atPath: path) else { throw .identityFile(path: path, problem: .unreadable) }
        let bio = data.withUnsafeBytes { BIO_new_mem_buf($0.baseAddress, Int32($0.count)) }
        defer { BIO_free(bio) }
        var items: [OpaquePointer] = []
        while let item = parse(bio) { items.append(item) }
        ERR_clear_error()  // the end of the file reads as an error
        guard !items.isEmpty else { throw .identityFile(path: path, problem: .notPEM) }
        return items
    }

    static func write(_ path: String, permissions: Int, _ emit: (OpaquePointer?) -> Int32) throws(TLSFailure) {
        guard let bio = BIO_new(BIO_s_mem()) else { throw .call("BIO_new") }
        defer { BIO_free(bio) }
        guard emit(bio) == 1 else { throw .call("PEM write") }
        var bytes = [UInt8](repeating: 0, count: Int(lantian_BIO_pending(bio)))
        let count = BIO_read(bio, &bytes, Int32(bytes.count))
        let data = Data(bytes.prefix(Int(max(count, 0))))
        guard FileManager.default.createFile(atPath: path, contents: data, attributes: [.posixPermissions: permissions]) else {
            throw .identityFile(path: path, problem: .unwritable)
        }
    }
}

import Foundation
import LantianDomain
import LantianTransport

/// The server's TLS keys, as files next to its store: the current key and self-signed certificate
/// (made on first use), and the next pair once an administrator prepares a rotation
/// (``prepareNext()``), which every welcome announces until it is put in use (``promoteNext()``).
///
/// ```swift
/// let files = ServerTLSFiles(store: "server.sqlite")
/// let identity = try files.current()        // server.sqlite.tls.key, server.sqlite.tls.crt
/// print(ServerKeyPin(fingerprint: identity.fingerprint.bytes))  // the last two groups of every enrolment code
/// ```
public struct ServerTLSFiles: Sendable {
    /// One key and its certificate.
    public struct Pair: Sendable {
        public var key: String
        public var certificate: String
        var exists: Bool { FileManager.default.fileExists(atPath: key) || FileManager.default.fileExists(atPath: certificate) }
    }

    public let current: Pair
    public let next: Pair
    /// Where the key a promotion replaced is kept (not used again; kept as a record).
    public let previous: Pair

    public init(store path: String) {
        current = Pair(key: path + ".tls.key", certificate: path + ".tls.crt")
        next = Pair(key: path + ".tls-next.key", certificate: path + ".tls-next.crt")
        previous = Pair(key: path + ".tls-previous.key", certificate: path + ".tls-previous.crt")
    }

    /// The current identity, made (an Ed25519 key and a certificate it signs) if there is none.
    public func current(commonName: String = "lantiand") throws -> TLSIdentity {
        try TLSIdentity.readOrCreate(keyPath: current.key, certificatePath: current.certificate, commonName: commonName)
    }

    /// The next identity, if a rotation was prepared.
    public func nextIdentity() throws -> TLSIdentity? {
        guard next.exists else { return nil }
        return try TLSIdentity.load(keyPath: next.key, certificatePath: next.certificate)
    }

    /// Makes the next key and certificate; devices pin it at their next sync. Fails if one is already prepared.
    public func prepareNext(commonName: String = "lantiand") throws -> TLSIdentity {
        guard !next.exists else { throw AdministrationError.tlsRotationPending(next.key) }
        let identity = try TLSIdentity.generate(commonName: commonName)
        try identity.write(keyPath: next.key, certificatePath: next.certificate)
        return identity
    }

    /// Puts the next key in use: the current pair moves to ``previous`` and the next becomes current.
    /// Takes effect when `lantiand serve` next starts. Returns the new current identity.
    public func promoteNext() throws -> TLSIdentity {
        guard next.exists else { throw AdministrationError.noTLSRotationPending }
        let identity = try TLSIdentity.load(keyPath: next.key, certificatePath: next.certificate)
        let files = FileManager.default
        for (from, to) in [(current.key, previous.key), (current.certificate, previous.certificate),
                           (next.key, current.key), (next.certificate, current.certificate)] {
            if files.fileExists(atPath: to) { try files.removeItem(atPath: to) }
            if files.fileExists(atPath: from) { try files.moveItem(atPath: from, toPath: to) }
        }
        return identity
    }

    /// Copies every pair that exists to sit beside `store` (a backup, a restored store).
    public func copy(toStore path: String) throws {
        let target = ServerTLSFiles(store: path)
        let files = FileManager.default
        for (from, to) in [(current, target.current), (next, target.next)] where from.exists {
            for (source, destination) in [(from.key, to.key), (from.certificate, to.certificate)] {
                if files.fileExists(atPath: destination) { try files.removeItem(atPath: destination) }
                try files.copyItem(atPath: source, toPath: destination)
            }
        }
    }
}

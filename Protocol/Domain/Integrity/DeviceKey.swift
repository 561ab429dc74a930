import Crypto
import Foundation

/// A device's Ed25519 key pair: the private half never leaves the device; the server and every
/// replica know the public half from the device's enrolment (``DeviceEnrolled``).
public struct DeviceKey: Sendable {
    public static let publicKeyBytes = 32
    /// The private key's bytes, to keep in a file only its owner can read.
    public let rawRepresentation: Data
    /// The public key's 32 bytes.
    public let publicKey: Data

    /// A new random key pair.
    public init() {
        let key = Curve25519.Signing.PrivateKey()
        rawRepresentation = key.rawRepresentation
        publicKey = key.publicKey.rawRepresentation
    }

    /// The key whose 32-byte private representation is `raw` (as ``rawRepresentation`` gives it).
    public init(rawRepresentation raw: Data) throws(IntegrityError) {
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else { throw .unreadableKey }
        rawRepresentation = raw
        publicKey = key.publicKey.rawRepresentation
    }

    public func sign(_ message: Data) throws -> Data {
        try Curve25519.Signing.PrivateKey(rawRepresentation: rawRepresentation).signature(for: message)
    }

    /// Whether `signature` is the signature over `message` of the key whose public half is `publicKey`.
    public static func isValid(_ signature: Data, of message: Data, publicKey: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}

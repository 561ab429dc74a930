import _CryptoExtras
import Crypto
import Foundation

/// The second half of an enrolment code: ten characters (50 bits) that pin the server's TLS key,
/// so a device enrolling over a network it cannot trust talks to its own server and nobody else.
///
/// The 50 bits are not a bare prefix of the key's fingerprint (the SHA-256 of its
/// SubjectPublicKeyInfo) but of PBKDF2-HMAC-SHA256 over it with 2^16 rounds: someone forging a key
/// whose pin matches must try about 2^66 hash computations, not 2^50.
///
/// ```swift
/// let pin = ServerKeyPin(fingerprint: fingerprint)   // "3FJ8K-Q2MXA"
/// pin.matches(presentedFingerprint)
/// ```
public struct ServerKeyPin: Hashable, Sendable, CustomStringConvertible {
    static let rounds = 1 << 16
    static let salt = Data("lantian.server-key-pin.v1".utf8)

    /// The ten characters of Crockford's base 32, without the dash.
    public let characters: String

    /// The pin of the key with this fingerprint (32 bytes).
    public init(fingerprint: some DataProtocol) {
        let stretched = (try? KDF.Insecure.PBKDF2.deriveKey(
            from: Data(fingerprint), salt: Self.salt, using: .sha256, outputByteCount: 8, unsafeUncheckedRounds: Self.rounds))
            .map { $0.withUnsafeBytes { Array($0) } } ?? []
        let bits = stretched.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } >> 14
        characters = String((0..<EnrolmentCode.length).map { index in
            EnrolmentCode.alphabet[Int(bits >> UInt64(5 * (EnrolmentCode.length - 1 - index)) & 0x1F)]
        })
    }

    init(characters: String) { self.characters = characters }

    /// Whether the key with this fingerprint is the one pinned.
    public func matches(_ fingerprint: some DataProtocol) -> Bool { ServerKeyPin(fingerprint: fingerprint) == self }

    public var description: String { "\(characters.prefix(5))-\(characters.suffix(5))" }
}

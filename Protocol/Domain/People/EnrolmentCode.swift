import Crypto
import Foundation

/// A one-time code an administrator gives a user to enrol a device: ten characters of Crockford's
/// base 32 (50 random bits), written in two groups of five to read out or type on a phone, then
/// the server's ``ServerKeyPin`` in two more. Only the SHA-256 of the first ten is stored; they
/// expire, and work once. The pin never leaves the device: it checks the server's TLS key before
/// anything is sent.
///
/// ```swift
/// let code = EnrolmentCode.random().pinning(pin)          // "7KQ2M-X9D4P-3FJ8K-Q2MXA"
/// EnrolmentCode(typed: "7kq2m x9d4p 3fj8k q2mxa") == code  // case, spaces and dashes do not matter
/// ```
public struct EnrolmentCode: Hashable, Sendable, CustomStringConvertible {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    static let length = 10

    /// The ten secret characters, without the dash.
    public let characters: String
    /// The server's key, when the code carries it (a server with its own certificate authority
    /// may hand out codes without it; the device then checks the server against its CA bundle).
    public private(set) var pin: ServerKeyPin?

    public static func random() -> EnrolmentCode {
        var random = SystemRandomNumberGenerator()
        return EnrolmentCode(characters: String((0..<length).map { _ in alphabet.randomElement(using: &random)! }))
    }

    private init(characters: String) { self.characters = characters }

    /// The same code carrying `pin`.
    public func pinning(_ pin: ServerKeyPin?) -> EnrolmentCode {
        var code = self
        code.pin = pin
        return code
    }

    /// The secret part alone: what is sent to the server.
    public var secret: EnrolmentCode { pinning(nil) }

    /// The code someone typed: letters in either case, with or without dashes and spaces; O is
    /// read as 0 and I or L as 1; ten characters, or twenty with the server's pin. `nil` if it cannot be a code.
    public init?(typed: String) {
        let cleaned = typed.uppercased().filter { $0 != "-" && !$0.isWhitespace }.map { character -> Character in
            switch character {
            case "O": "0"
            case "I", "L": "1"
            default: character
            }
        }
        guard cleaned.count == Self.length || cleaned.count == 2 * Self.length, cleaned.allSatisfy(Self.alphabet.contains) else { return nil }
        characters = String(cleaned.prefix(Self.length))
        pin = cleaned.count > Self.length ? ServerKeyPin(characters: String(cleaned.suffix(Self.length))) : nil
    }

    /// What is stored instead of the code.
    public var digest: Data { Data(SHA256.hash(data: Data(characters.utf8))) }

    public var description: String {
        let secret = "\(characters.prefix(5))-\(characters.suffix(5))"
        return pin.map { "\(secret)-\($0)" } ?? secret
    }
}

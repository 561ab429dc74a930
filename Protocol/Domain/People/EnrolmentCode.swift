import Crypto
import Foundation

/// A one-time code an administrator gives a user to enrol a device: ten characters of Crockford's
/// base 32 (50 random bits), written in two groups of five to read out or type on a phone.
/// Only its SHA-256 is stored; it expires, and it works once.
///
/// ```swift
/// let code = EnrolmentCode.random()            // "7KQ2M-X9D4P"
/// EnrolmentCode(typed: "7kq2m x9d4p") == code  // case, spaces and dashes do not matter
/// ```
public struct EnrolmentCode: Hashable, Sendable, CustomStringConvertible {
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    static let length = 10

    /// The ten characters, without the dash.
    public let characters: String

    public static func random() -> EnrolmentCode {
        var random = SystemRandomNumberGenerator()
        return EnrolmentCode(characters: String((0..<length).map { _ in alphabet.randomElement(using: &random)! }))
    }

    private init(characters: String) { self.characters = characters }

    /// The code someone typed: letters in either case, with or without dashes and spaces; O is
    /// read as 0 and I or L as 1. `nil` if it cannot be a code.
    public init?(typed: String) {
        let cleaned = typed.uppercased().filter { $0 != "-" && !$0.isWhitespace }.map { character -> Character in
            switch character {
            case "O": "0"
            case "I", "L": "1"
            default: character
            }
        }
        guard cleaned.count == Self.length, cleaned.allSatisfy(Self.alphabet.contains) else { return nil }
        characters = String(cleaned)
    }

    /// What is stored instead of the code.
    public var digest: Data { Data(SHA256.hash(data: Data(characters.utf8))) }

    public var description: String { "\(characters.prefix(5))-\(characters.suffix(5))" }
}

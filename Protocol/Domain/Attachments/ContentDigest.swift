import Crypto
import Foundation

/// The SHA-256 of a blob's bytes: the blob's name everywhere (content addressing), so the same
/// photo is stored once and a blob whose bytes do not hash to its name is detectably wrong.
public struct ContentDigest: Hashable, Sendable, CustomStringConvertible {
    public static let byteCount = 32
    /// The largest blob Lantian keeps (a photo or a short video clip): 64 MiB.
    public static let maxBlobBytes: Int64 = 64 << 20

    /// The 32 digest bytes.
    public let bytes: [UInt8]

    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == Self.byteCount else { return nil }
        self.bytes = Array(bytes)
    }

    /// The digest of `data`.
    public static func of(_ data: some DataProtocol) -> ContentDigest {
        ContentDigest(bytes: Array(SHA256.hash(data: data)))!
    }

    /// Computes a digest from bytes given piece by piece.
    public struct Hasher {
        private var hash = SHA256()
        public init() {}
        public mutating func update(_ data: some DataProtocol) { hash.update(data: data) }
        public func finalize() -> ContentDigest { ContentDigest(bytes: Array(hash.finalize()))! }
    }

    /// Reads 64 hexadecimal digits, as ``Evidence/sha256`` holds them.
    public init?(hex: String) {
        let digits = Array(hex.utf8)
        guard digits.count == 2 * Self.byteCount else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.byteCount)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        self.bytes = bytes
    }

    /// 64 lower-case hexadecimal digits.
    public var hex: String {
        String(bytes.flatMap { [Self.digits[Int($0 >> 4)], Self.digits[Int($0 & 0x0F)]] }.map(Character.init))
    }

    public var description: String { hex }

    private static let digits: [Unicode.Scalar] = Array("0123456789abcdef".unicodeScalars)

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

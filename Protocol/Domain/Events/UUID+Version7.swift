import Crypto
import Foundation

extension UUID {
    /// A time-ordered UUID, version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits.
    ///
    /// ```swift
    /// var random = SystemRandomNumberGenerator()
    /// let id = UUID.version7(at: now, using: &random)
    /// ```
    public static func version7(at time: Timestamp, using random: inout some RandomNumberGenerator) -> UUID {
        let milliseconds = UInt64(max(time.millisecondsSince1970, 0)) & 0xFFFF_FFFF_FFFF
        let high = random.next() as UInt64
        let low = random.next() as UInt64
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<6 { bytes[index] = UInt8(truncatingIfNeeded: milliseconds >> (8 * (5 - index))) }
        for index in 6..<8 { bytes[index] = UInt8(truncatingIfNeeded: high >> (8 * (index - 6))) }
        for index in 8..<16 { bytes[index] = UInt8(truncatingIfNeeded: low >> (8 * (index - 8))) }
        bytes[6] = (bytes[6] & 0x0F) | 0x70  // version 7
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // variant 10
        return UUID(bytes: bytes)!
    }

    /// The UUID's version number (the high nibble of byte 6).
    public var version: Int { Int(uuid.6 >> 4) }

    /// The UUID's sixteen bytes, in order.
    public var bytes: [UInt8] {
        withUnsafeBytes(of: uuid) { Array($0) }
    }

    /// A UUID from exactly sixteen bytes; `nil` for any other count.
    public init?(bytes: some Collection<UInt8>) {
        guard bytes.count == 16 else { return nil }
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes) }
        self.init(uuid: value)
    }

    /// Byte-wise order, the order SQLite gives BLOB columns.
    public static func precedesInByteOrder(_ lhs: UUID, _ rhs: UUID) -> Bool {
        withUnsafeBytes(of: lhs.uuid) { lhs in withUnsafeBytes(of: rhs.uuid) { lhs.lexicographicallyPrecedes($0) } }
    }
}

extension UUID {
    /// Lantian's namespace for name-based ids.
    public static let lantianNamespace = UUID(uuidString: "6c616e74-6961-5e00-8000-677269640000")!

    /// A name-based UUID, version 5 (RFC 9562): the same name always gives the same id.
    ///
    /// ```swift
    /// UUID.version5(name: "grid:371502001")  // the subject of that grid node, on every device
    /// ```
    public static func version5(name: String, namespace: UUID = lantianNamespace) -> UUID {
        var digest = Array(Insecure.SHA1.hash(data: namespace.bytes + Array(name.utf8)).prefix(16))
        digest[6] = (digest[6] & 0x0F) | 0x50  // version 5
        digest[8] = (digest[8] & 0x3F) | 0x80  // variant 10
        return UUID(bytes: digest)!
    }
}

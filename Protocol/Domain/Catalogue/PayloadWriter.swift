import Foundation

/// Writes canonical payload JSON by hand, byte for byte what ``PayloadCodec/encode(_:)`` writes
/// with Foundation's `JSONEncoder` (sorted keys, slashes unescaped): admission re-encodes every
/// payload it takes to check it is canonical, so this runs once per event on every replica.
///
/// Keys are written in the order given, which must be their byte order (`PayloadWriterTests`
/// compares every hand-written payload with `JSONEncoder`'s bytes).
///
/// ```swift
/// var writer = PayloadWriter()
/// writer.object { fields in fields.string("note", note) }
/// ```
public struct PayloadWriter {
    public private(set) var bytes: [UInt8] = []
    /// Set when a value has no JSON (a number that is not finite): `JSONEncoder` refuses it too.
    public private(set) var failed = false

    public init() {}

    /// Writes an object whose fields `body` writes, in byte order of their keys.
    public mutating func object(_ body: (inout Fields) -> Void) {
        // The bytes move into the fields and back, never copied.
        var fields = Fields(writer: PayloadWriter())
        swap(&fields.writer, &self)
        fields.writer.bytes.append(UInt8(ascii: "{"))
        body(&fields)
        fields.writer.bytes.append(UInt8(ascii: "}"))
        swap(&fields.writer, &self)
    }

    /// The fields of one object: each written only when it has a value, as `encodeIfPresent` does.
    public struct Fields {
        var writer: PayloadWriter
        var first = true

        mutating func key(_ key: StaticString) {
            if !first { writer.bytes.append(UInt8(ascii: ",")) }
            first = false
            writer.bytes.append(UInt8(ascii: "\""))
            writer.bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
            writer.bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }

        public mutating func string(_ key: StaticString, _ value: String?) {
            guard let value else { return }
            self.key(key)
            writer.string(value)
        }

        public mutating func int64(_ key: StaticString, _ value: Int64?) {
            guard let value else { return }
            self.key(key)
            writer.bytes.append(contentsOf: String(value).utf8)
        }

        public mutating func double(_ key: StaticString, _ value: Double?) {
            guard let value else { return }
            self.key(key)
            writer.double(value)
        }

        public mutating func bool(_ key: StaticString, _ value: Bool?) {
            guard let value else { return }
            self.key(key)
            writer.bytes.append(contentsOf: (value ? "true" : "false").utf8)
        }

        public mutating func uuid(_ key: StaticString, _ value: UUID?) {
            string(key, value?.uuidString)
        }

        public mutating func enumeration<Value: RawRepresentable<String>>(_ key: StaticString, _ value: Value?) {
            string(key, value?.rawValue)
        }

        public mutating func object(_ key: StaticString, _ value: (some PayloadWritable)?) {
            guard let value else { return }
            self.key(key)
            value.write(to: &writer)
        }

        public mutating func objects(_ key: StaticString, _ values: [some PayloadWritable]?) {
            guard let values else { return }
            self.key(key)
            writer.bytes.append(UInt8(ascii: "["))
            for (index, value) in values.enumerated() {
                if index > 0 { writer.bytes.append(UInt8(ascii: ",")) }
                value.write(to: &writer)
            }
            writer.bytes.append(UInt8(ascii: "]"))
        }
    }

    /// A string as `JSONEncoder` writes it: `"` and `\` escaped, control characters as `\b`,
    /// `\f`, `\n`, `\r`, `\t` or `\u00XX`, everything else as its UTF-8.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                          hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A finite double as `JSONEncoder` writes it: Swift's shortest form, without a trailing `.0`.
    mutating func double(_ value: Double) {
        guard value.isFinite else { return failed = true }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }
}

/// A payload written by hand (``PayloadWriter``) instead of by `Encodable`, for the payloads every
/// replica checks most often.
public protocol PayloadWritable: Encodable {
    func write(to writer: inout PayloadWriter)
}

import Foundation

/// A payload's JSON, parsed without Foundation: the tree the hand-written readers of the most
/// frequent payloads (``PayloadReadable``) take their fields from.
///
/// It reads RFC 8259 JSON as Foundation's `JSONDecoder` does for what a payload can hold: objects,
/// arrays, strings (escapes and surrogate pairs unescaped, UTF-8 checked), numbers kept as written
/// until a field asks for an integer or a double, `true`, `false` and `null`. Nesting is limited, so
/// a hostile payload cannot exhaust the stack.
///
/// ```swift
/// let fields = try PayloadValue.parse(event.payload).object()
/// let note = try fields.string("note")
/// ```
public enum PayloadValue: Sendable {
    case null
    case bool(Bool)
    /// A number as written, read as the field's type asks.
    case number(String)
    case string(String)
    case array([PayloadValue])
    case object(PayloadObject)

    /// How deep arrays and objects may nest.
    static let maxDepth = 32

    /// Parses `bytes` as one JSON value, with nothing but whitespace after it.
    public static func parse(_ bytes: Data) throws(PayloadReadError) -> PayloadValue {
        do {
            return try bytes.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) throws(PayloadReadError) -> PayloadValue in
                var parser = Parser(bytes: buffer.bindMemory(to: UInt8.self))
                let value = try parser.value(depth: 0)
                parser.skipWhitespace()
                guard parser.position == parser.bytes.count else { throw PayloadReadError.malformed(at: parser.position) }
                return value
            }
        } catch let error as PayloadReadError {
            throw error
        } catch {
            throw PayloadReadError.malformed(at: 0)
        }
    }

    /// The object this value is, or an error naming `field`.
    public func object(_ field: String = "payload") throws(PayloadReadError) -> PayloadObject {
        guard case .object(let object) = self else { throw .wrongType(field: field, expected: "object") }
        return object
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0

        mutating func skipWhitespace() {
            while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
        }

        mutating func value(depth: Int) throws(PayloadReadError) -> PayloadValue {
            guard depth < PayloadValue.maxDepth else { throw .tooDeep }
            skipWhitespace()
            guard position < bytes.count else { throw .malformed(at: position) }
            switch bytes[position] {
            case UInt8(ascii: "{"): return .object(try object(depth: depth))
            case UInt8(ascii: "["): return .array(try array(depth: depth))
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try literal("true"); return .bool(true)
            case UInt8(ascii: "f"): try literal("false"); return .bool(false)
            case UInt8(ascii: "n"): try literal("null"); return .null
            default: return .number(try number())
            }
        }

        mutating func object(depth: Int) throws(PayloadReadError) -> PayloadObject {
            position += 1
            var fields: [(key: String, value: PayloadValue)] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return PayloadObject(fields: fields)
            }
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw .malformed(at: position) }
                let key = try string()
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw .malformed(at: position) }
                position += 1
                fields.append((key, try value(depth: depth + 1)))
                skipWhitespace()
                guard position < bytes.count else { throw .malformed(at: position) }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                guard bytes[position] == UInt8(ascii: "}") else { throw .malformed(at: position) }
                position += 1
                return PayloadObject(fields: fields)
            }
        }

        mutating func array(depth: Int) throws(PayloadReadError) -> [PayloadValue] {
            position += 1
            var elements: [PayloadValue] = []
            skipWhitespace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return elements
            }
            while true {
                elements.append(try value(depth: depth + 1))
                skipWhitespace()
                guard position < bytes.count else { throw .malformed(at: position) }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                guard bytes[position] == UInt8(ascii: "]") else { throw .malformed(at: position) }
                position += 1
                return elements
            }
        }

        mutating func literal(_ word: StaticString) throws(PayloadReadError) {
            let count = word.utf8CodeUnitCount
            guard position + count <= bytes.count else { throw .malformed(at: position) }
            for index in 0..<count where bytes[position + index] != word.utf8Start[index] { throw .malformed(at: position) }
            position += count
        }

        /// A JSON number: an optional minus, digits without a leading zero, an optional fraction and exponent.
        mutating func number() throws(PayloadReadError) -> String {
            let start = position
            func digits() -> Int {
                let first = position
                while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
                return position - first
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
            let integerStart = position
            let integerDigits = digits()
            guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else { throw .malformed(at: start) }
            if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
                position += 1
                guard digits() > 0 else { throw .malformed(at: start) }
            }
            if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
                position += 1
                if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
                guard digits() > 0 else { throw .malformed(at: start) }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        }

        /// A JSON string, unescaped; its bytes must be UTF-8 and hold no control character.
        mutating func string() throws(PayloadReadError) -> String {
            position += 1
            let start = position
            while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") {
                guard bytes[position] >= 0x20 else { throw .malformed(at: position) }
                position += 1
            }
            guard position < bytes.count else { throw .malformed(at: start) }
            var text = Array(UnsafeBufferPointer(rebasing: bytes[start..<position]))
            while bytes[position] == UInt8(ascii: "\\") {
                position += 1
                guard position < bytes.count else { throw .malformed(at: position) }
                let escaped = bytes[position]
                position += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escaped)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"): text.append(contentsOf: try unicodeEscape())
                default: throw .malformed(at: position - 1)
                }
                while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") {
                    guard bytes[position] >= 0x20 else { throw .malformed(at: position) }
                    text.append(bytes[position])
                    position += 1
                }
                guard position < bytes.count else { throw .malformed(at: start) }
            }
            position += 1
            guard let string = String(validating: text, as: UTF8.self) else { throw .notUTF8(at: start) }
            return string
        }

        /// The UTF-8 of a `\uXXXX` escape (a surrogate pair takes two).
        mutating func unicodeEscape() throws(PayloadReadError) -> [UInt8] {
            let high = try hexQuad()
            var scalar: Unicode.Scalar?
            if (0xD800..<0xDC00).contains(high) {
                guard position + 2 <= bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                    throw .malformed(at: position)
                }
                position += 2
                let low = try hexQuad()
                guard (0xDC00..<0xE000).contains(low) else { throw .malformed(at: position) }
                scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
            } else {
                scalar = Unicode.Scalar(high)
            }
            guard let scalar else { throw .malformed(at: position) }
            return Array(String(Character(scalar)).utf8)
        }

        mutating func hexQuad() throws(PayloadReadError) -> UInt32 {
            guard position + 4 <= bytes.count else { throw .malformed(at: position) }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[position]
                let digit: UInt32
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
                default: throw .malformed(at: position)
                }
                value = value << 4 | digit
                position += 1
            }
            return value
        }
    }
}

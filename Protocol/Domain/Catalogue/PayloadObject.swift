import Foundation

/// A JSON object of a payload, its fields read by name and type as a `Decodable` initialiser reads
/// its keyed container: a field absent or `null` is `nil` for the `…IfPresent` readers and an error
/// for the others; fields nobody asks for are ignored.
public struct PayloadObject: Sendable {
    let fields: [(key: String, value: PayloadValue)]

    init(fields: [(key: String, value: PayloadValue)]) { self.fields = fields }

    /// The value of `key`, unless absent or `null`; of a key given twice, the first, as Foundation
    /// reads it (a payload that gives a key twice is not canonical, and admission refuses it).
    public func valueIfPresent(_ key: String) throws(PayloadReadError) -> PayloadValue? {
        guard let found = fields.first(where: { $0.key == key })?.value else { return nil }
        if case .null = found { return nil }
        return found
    }

    public func value(_ key: String) throws(PayloadReadError) -> PayloadValue { try required(key, valueIfPresent(key)) }

    public func stringIfPresent(_ key: String) throws(PayloadReadError) -> String? {
        guard let value = try valueIfPresent(key) else { return nil }
        guard case .string(let string) = value else { throw .wrongType(field: key, expected: "string") }
        return string
    }

    public func string(_ key: String) throws(PayloadReadError) -> String { try required(key, stringIfPresent(key)) }

    public func boolIfPresent(_ key: String) throws(PayloadReadError) -> Bool? {
        guard let value = try valueIfPresent(key) else { return nil }
        guard case .bool(let bool) = value else { throw .wrongType(field: key, expected: "true or false") }
        return bool
    }

    public func bool(_ key: String) throws(PayloadReadError) -> Bool { try required(key, boolIfPresent(key)) }

    /// An integer: digits, or a number written with a fraction or exponent that is exactly one.
    public func int64IfPresent(_ key: String) throws(PayloadReadError) -> Int64? {
        guard let value = try valueIfPresent(key) else { return nil }
        guard case .number(let text) = value else { throw .wrongType(field: key, expected: "integer") }
        if let integer = Int64(text) { return integer }
        guard let double = Double(text), let integer = Int64(exactly: double) else { throw .wrongType(field: key, expected: "integer") }
        return integer
    }

    public func int64(_ key: String) throws(PayloadReadError) -> Int64 { try required(key, int64IfPresent(key)) }

    /// A finite number.
    public func doubleIfPresent(_ key: String) throws(PayloadReadError) -> Double? {
        guard let value = try valueIfPresent(key) else { return nil }
        guard case .number(let text) = value, let double = Double(text), double.isFinite else { throw .wrongType(field: key, expected: "number") }
        return double
    }

    public func double(_ key: String) throws(PayloadReadError) -> Double { try required(key, doubleIfPresent(key)) }

    public func objectIfPresent(_ key: String) throws(PayloadReadError) -> PayloadObject? {
        guard let value = try valueIfPresent(key) else { return nil }
        return try value.object(key)
    }

    public func object(_ key: String) throws(PayloadReadError) -> PayloadObject { try required(key, objectIfPresent(key)) }

    /// The objects of an array.
    public func objectsIfPresent(_ key: String) throws(PayloadReadError) -> [PayloadObject]? {
        guard let value = try valueIfPresent(key) else { return nil }
        guard case .array(let elements) = value else { throw .wrongType(field: key, expected: "array") }
        var objects: [PayloadObject] = []
        objects.reserveCapacity(elements.count)
        for element in elements { objects.append(try element.object(key)) }
        return objects
    }

    /// A value of a string enumeration.
    public func enumerationIfPresent<Value: RawRepresentable<String>>(_ key: String, as _: Value.Type) throws(PayloadReadError) -> Value? {
        guard let raw = try stringIfPresent(key) else { return nil }
        guard let value = Value(rawValue: raw) else { throw .wrongType(field: key, expected: "one of its values") }
        return value
    }

    public func enumeration<Value: RawRepresentable<String>>(_ key: String, as type: Value.Type) throws(PayloadReadError) -> Value {
        try required(key, enumerationIfPresent(key, as: type))
    }

    /// A UUID, written as Foundation writes one.
    public func uuidIfPresent(_ key: String) throws(PayloadReadError) -> UUID? {
        guard let text = try stringIfPresent(key) else { return nil }
        guard let uuid = UUID(uuidString: text) else { throw .wrongType(field: key, expected: "UUID") }
        return uuid
    }

    /// `value`, which a field must have: absent or `null` is an error naming `key`.
    private func required<Value>(_ key: String, _ value: Value?) throws(PayloadReadError) -> Value {
        guard let value else { throw .missing(field: key) }
        return value
    }
}

/// The range checks payloads make while they are decoded, each naming the field it refuses.
/// Limits are written in EVENTS.md next to each field.
enum Check {
    /// Characters of a name, a title or a person (names, departments, who put a fire out).
    static let shortText = 200
    /// Characters of a note, an address or a measure.
    static let longText = 2_000
    /// Items of evidence on one record.
    static let maxEvidence = 20
    /// The largest area any record may give: 100 km², in m².
    static let maxArea = 100_000_000.0

    /// Text of at most `max` characters (Unicode scalars, as every language counts them alike);
    /// `required` text must have a character that is not white space.
    static func text(_ value: String, _ field: String, max: Int = shortText, required: Bool = false) throws(InvalidValue) {
        if required, value.allSatisfy(\.isWhitespace) { throw InvalidValue(field: field, rule: .empty) }
        guard value.unicodeScalars.count <= max else { throw InvalidValue(field: field, rule: .tooLong(maxCharacters: max)) }
    }

    /// A finite number within `range`.
    static func number(_ value: Double, _ field: String, in range: ClosedRange<Double>) throws(InvalidValue) {
        guard value.isFinite, range.contains(value) else {
            throw InvalidValue(field: field, rule: .outOfRange(min: range.lowerBound, max: range.upperBound))
        }
    }

    /// A finite number above 0 and at most `max`.
    static func positive(_ value: Double, _ field: String, max: Double) throws(InvalidValue) {
        guard value.isFinite, value > 0 else { throw InvalidValue(field: field, rule: .mustBePositive) }
        guard value <= max else { throw InvalidValue(field: field, rule: .outOfRange(min: 0, max: max)) }
    }

    /// A grid code: 1 to 32 ASCII letters, digits, `-` or `_`.
    static func code(_ value: String, _ field: String) throws(InvalidValue) {
        guard isCode(value, maxBytes: 32) else { throw InvalidValue(field: field, rule: .notAGridCode) }
    }

    /// A checklist item's id: 1 to 64 ASCII letters, digits, `-` or `_` (it is a JSON key, and
    /// canonical JSON sorts keys by their bytes).
    static func itemID(_ value: String, _ field: String) throws(InvalidValue) {
        guard isCode(value, maxBytes: 64) else { throw InvalidValue(field: field, rule: .notAnItemID) }
    }

    private static func isCode(_ value: String, maxBytes: Int) -> Bool {
        (1...maxBytes).contains(value.utf8.count)
            && value.utf8.allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || (48...57).contains($0)
                                       || (65...90).contains($0) || (97...122).contains($0) }
    }

    static func count(_ count: Int, _ field: String, max: Int) throws(InvalidValue) {
        guard count <= max else { throw InvalidValue(field: field, rule: .tooMany(max: max)) }
    }

    static func evidence(_ items: [Evidence]) throws(InvalidValue) {
        try count(items.count, "evidence", max: maxEvidence)
        for item in items {
            guard ContentDigest(hex: item.sha256) != nil else { throw InvalidValue(field: "evidence", rule: .notADigest) }
            try text(item.fileName, "fileName", max: 255)
        }
    }
}

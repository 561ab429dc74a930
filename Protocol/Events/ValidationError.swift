/// A value a user gave breaks a rule: names the field and the rule, so the message can say what to fix.
///
/// ```swift
/// throw ValidationError(field: "latitude", rule: .outOfRange(min: -90, max: 90))
/// ```
public struct ValidationError: Error, Hashable, Sendable {
    public enum Rule: Hashable, Sendable {
        case outOfRange(min: Double, max: Double)
        case tooLong(maxCharacters: Int)
        case empty
        /// Not a time in the form `YYYY-MM-DD HH:MM`.
        case invalidTime
        /// A time later than now, such as a fire seen tomorrow.
        case inTheFuture
        /// Zero or negative where only a positive value makes sense (an area, a number of days).
        case mustBePositive
        /// Not an item of the checklist in force.
        case notInChecklist
        /// Not a month in the form `YYYY-MM`.
        case invalidMonth
        /// A time before the fire was seen.
        case beforeObservation
        /// Not a SHA-256 written as 64 hexadecimal digits.
        case notADigest
        /// Not a 32-byte Ed25519 public key.
        case notAKey
    }

    public var field: String
    public var rule: Rule

    public init(field: String, rule: Rule) {
        self.field = field
        self.rule = rule
    }
}

import Foundation

/// The decoded payload of an event, of any type: what every replica asks of it, whatever its type.
public protocol EventContent: Encodable, Sendable {
    /// Checks the values that depend on the event carrying it, such as a time against when the
    /// event was recorded. Values that stand alone are checked while decoding.
    func check(recordedAt: Timestamp) throws(InvalidValue)
    /// Where the record lies, as the event claims: the server decides from this (``Admission``).
    func placement(of event: Event) -> PlacementClaim
    /// Whether a user in `role` may record this one, beyond what its type allows every recorder
    /// (an issue found by judgement is a grid officer's to report).
    func mayBeRecorded(by role: Role) -> Bool
}

extension EventContent {
    public func check(recordedAt: Timestamp) throws(InvalidValue) {}
    public func mayBeRecorded(by role: Role) -> Bool { true }
}

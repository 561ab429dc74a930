/// The kind of an event, such as `straw.firePoint.reported`: a category, a subject kind and a past-tense verb.
///
/// ```swift
/// let type: EventType = "straw.firePoint.reported"
/// ```
public struct EventType: RawRepresentable, Hashable, Sendable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }
}

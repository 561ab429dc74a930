import Foundation

/// How an event type relates to its subject.
public enum SubjectRule: Hashable, Sendable {
    /// The event starts its subject (a fire point reported, an enterprise registered): a subject
    /// belongs to its first record, and a second start of it is refused.
    case starts
    /// The event follows the record its subject names, which one of these types started.
    case follows(Set<EventType>)
    /// The server's own definitions of a subject (a grid node, a user, a device, a setting): the latest counts.
    case defines
}

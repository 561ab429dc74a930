import Foundation

/// The content of one event type, versioned by `schema`.
public protocol EventPayload: Codable, EventContent {
    static var eventType: EventType { get }
    static var schema: UInt16 { get }
}

/// An event was decoded as a payload of another type.
public struct PayloadTypeMismatch: Error, Equatable {
    public var expected: EventType
    public var found: EventType
}

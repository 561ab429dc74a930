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

/// The content of one event type, versioned by `schema`.
public protocol EventPayload: Codable, EventContent {
    static var eventType: EventType { get }
    static var schema: UInt16 { get }
}

/// Encodes payloads as canonical JSON (sorted keys), so equal payloads are equal bytes.
public enum PayloadCodec {
    public static func encode(_ payload: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(payload)
    }

    /// Decodes an event's payload; throws if the event is of another type or its payload does not decode.
    public static func decode<Payload: EventPayload>(_: Payload.Type, from event: Event) throws -> Payload {
        guard event.type == Payload.eventType else { throw PayloadTypeMismatch(expected: Payload.eventType, found: event.type) }
        return try JSONDecoder().decode(Payload.self, from: event.payload)
    }

    /// Decodes an event's payload as `Payload`, whatever the event's type says.
    public static func decode<Payload: Decodable>(_: Payload.Type, from payload: Data) throws -> Payload {
        try JSONDecoder().decode(Payload.self, from: payload)
    }
}

/// An event was decoded as a payload of another type.
public struct PayloadTypeMismatch: Error, Equatable {
    public var expected: EventType
    public var found: EventType
}

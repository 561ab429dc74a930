import Foundation

/// The content of one event type, versioned by `schema`.
public protocol EventPayload: Codable, Sendable {
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

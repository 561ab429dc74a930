import Foundation

/// Encodes payloads as canonical JSON (sorted keys), so equal payloads are equal bytes.
public enum PayloadCodec {
    /// One decoder for every payload: it holds no state between calls.
    private static let decoder = JSONDecoder()

    public static func encode(_ payload: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(payload)
    }

    /// Decodes an event's payload; throws if the event is of another type or its payload does not decode.
    public static func decode<Payload: EventPayload>(_: Payload.Type, from event: Event) throws -> Payload {
        guard event.type == Payload.eventType else { throw PayloadTypeMismatch(expected: Payload.eventType, found: event.type) }
        return try decoder.decode(Payload.self, from: event.payload)
    }

    /// Decodes an event's payload as `Payload`, whatever the event's type says.
    public static func decode<Payload: Decodable>(_: Payload.Type, from payload: Data) throws -> Payload {
        try decoder.decode(Payload.self, from: payload)
    }
}

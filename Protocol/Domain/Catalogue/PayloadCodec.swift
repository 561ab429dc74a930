import Foundation

/// Encodes payloads as canonical JSON (sorted keys), so equal payloads are equal bytes.
public enum PayloadCodec {
    /// One decoder for every payload: it holds no state between calls.
    private static let decoder = JSONDecoder()

    /// The payload's canonical JSON: by its hand-written writer where it has one (``PayloadWritable``),
    /// else by Foundation's `JSONEncoder`.
    public static func encode(_ payload: some Encodable) throws -> Data {
        if let writable = payload as? any PayloadWritable {
            var writer = PayloadWriter()
            writable.write(to: &writer)
            if !writer.failed { return Data(writer.bytes) }
        }
        return try encodeWithFoundation(payload)
    }

    /// Encodes with Foundation's `JSONEncoder` alone: what the hand-written writers are held to.
    public static func encodeWithFoundation(_ payload: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(payload)
    }

    /// Decodes an event's payload; throws if the event is of another type or its payload does not decode.
    public static func decode<Payload: EventPayload>(_: Payload.Type, from event: Event) throws -> Payload {
        guard event.type == Payload.eventType else { throw PayloadTypeMismatch(expected: Payload.eventType, found: event.type) }
        return try decode(Payload.self, from: event.payload)
    }

    /// Decodes an event's payload as `Payload`, whatever the event's type says: by its hand-written
    /// reader where it has one (``PayloadReadable``), else by Foundation's `JSONDecoder`.
    public static func decode<Payload: Decodable>(_: Payload.Type, from payload: Data) throws -> Payload {
        if let readable = Payload.self as? any PayloadReadable.Type {
            let value = try readable.init(reading: try PayloadValue.parse(payload).object())
            guard let payload = value as? Payload else { throw PayloadReadError.wrongType(field: "payload", expected: "\(Payload.self)") }
            return payload
        }
        return try decoder.decode(Payload.self, from: payload)
    }

    /// Decodes with Foundation's `JSONDecoder` alone: what the hand-written readers are held to.
    public static func decodeWithFoundation<Payload: Decodable>(_: Payload.Type, from payload: Data) throws -> Payload {
        try decoder.decode(Payload.self, from: payload)
    }
}

import Foundation

/// What a command wants to record, before the store gives it an id, a sequence number and a clock reading.
public struct EventDraft: Hashable, Sendable {
    public var subject: UUID
    public var type: EventType
    public var schema: UInt16
    public var payload: Data

    public init(subject: UUID, type: EventType, schema: UInt16, payload: Data) {
        self.subject = subject
        self.type = type
        self.schema = schema
        self.payload = payload
    }

    /// A draft carrying `payload`, encoded canonically, about `subject`.
    public init<Payload: EventPayload>(subject: UUID, payload: Payload) throws {
        self.init(subject: subject, type: Payload.eventType, schema: Payload.schema,
                  payload: try PayloadCodec.encode(payload))
    }
}

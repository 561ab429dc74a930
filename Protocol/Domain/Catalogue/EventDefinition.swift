import Foundation

/// Everything Lantian knows about one event type, in one place: its payload, what users call it,
/// who records it, how it relates to its subject, and an example. Where its record lies comes
/// from the payload itself (``EventContent/placement(of:)``). EVENTS.md describes each type; a test
/// reads every example there and checks it against this.
public struct EventDefinition: Sendable {
    public let type: EventType
    public let schema: UInt16
    public let chinese: String
    public let english: String
    public let recorders: Recorders
    public let subject: SubjectRule
    /// A payload of this type, as canonical JSON.
    public let example: Data
    private let decode: @Sendable (Data) throws -> any EventContent

    /// The definition of the type `Payload` is the payload of.
    public init<Payload: EventPayload>(_: Payload.Type, chinese: String, english: String, recorders: Recorders,
                                       subject: SubjectRule, example: Payload) {
        self.init(type: Payload.eventType, schema: Payload.schema, content: Payload.self, chinese: chinese, english: english,
                  recorders: recorders, subject: subject, example: example)
    }

    /// The definition of a type whose payload, `Content`, several types share (a ticket's steps).
    public init<Content: Codable & EventContent>(type: EventType, schema: UInt16, content: Content.Type, chinese: String,
                                                english: String, recorders: Recorders, subject: SubjectRule, example: Content) {
        self.type = type
        self.schema = schema
        self.chinese = chinese
        self.english = english
        self.recorders = recorders
        self.subject = subject
        self.example = (try? PayloadCodec.encode(example)) ?? Data()
        decode = { try PayloadCodec.decode(Content.self, from: $0) }
    }

    public func name(in language: Language) -> String { language.say(chinese, english) }

    /// Decodes `payload`, checking each value that stands alone.
    public func read(_ payload: Data) throws -> any EventContent { try decode(payload) }
}

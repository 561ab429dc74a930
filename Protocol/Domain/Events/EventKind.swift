import Foundation

/// A kind of step whose event type is `namespace.kind`, such as `ticket.assigned`.
///
/// ```swift
/// TicketStep.Kind.assigned.eventType            // "ticket.assigned"
/// TicketStep.Kind(eventType: "ticket.assigned")  // .assigned
/// ```
public protocol EventKind: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {
    static var namespace: String { get }
}

extension EventKind {
    public var eventType: EventType { EventType(rawValue: "\(Self.namespace).\(rawValue)") }

    public init?(eventType: EventType) {
        let prefix = Self.namespace + "."
        guard eventType.rawValue.hasPrefix(prefix) else { return nil }
        self.init(rawValue: String(eventType.rawValue.dropFirst(prefix.count)))
    }
}

extension EventDraft {
    /// A draft of a step of `kind` about `subject`, carrying `payload` encoded canonically.
    public init<Kind: EventKind>(subject: UUID, kind: Kind, schema: UInt16, payload: some Encodable) throws {
        self.init(subject: subject, type: kind.eventType, schema: schema, payload: try PayloadCodec.encode(payload))
    }
}

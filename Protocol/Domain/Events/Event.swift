import Foundation

/// An immutable record of one thing a user did on one device: the only thing Lantian ever writes.
///
/// What users see is computed from events (see ``Projection``); an event is never changed or
/// deleted, and a correction is a new event.
public struct Event: Hashable, Sendable {
    /// A time-ordered unique id (UUIDv7).
    public var id: UUID
    /// The device that recorded the event.
    public var device: UUID
    /// The device's sequence number for this event: 1, 2, 3… with no gaps.
    public var cseq: Int64
    /// The user who acted, who answers for the record (谁出数谁负责).
    public var actor: String
    /// The hybrid logical clock reading, which orders events across devices.
    public var hlc: HybridTimestamp
    /// The device's wall clock when the event was recorded, as the device saw it.
    public var recordedAt: Timestamp
    /// The thing the event is about, such as one fire point.
    public var subject: UUID
    public var type: EventType
    /// The version of the payload's schema for this type.
    public var schema: UInt16
    /// The type-specific content, as canonical JSON (see ``PayloadCodec``).
    public var payload: Data
    /// The hash of the device's previous event (``EventChain/genesis`` for its first): the link
    /// that makes the device's events a chain its signatures vouch for.
    public var previous: Data

    public init(
        id: UUID, device: UUID, cseq: Int64, actor: String, hlc: HybridTimestamp, recordedAt: Timestamp,
        subject: UUID, type: EventType, schema: UInt16, payload: Data, previous: Data = EventChain.genesis
    ) {
        self.id = id
        self.device = device
        self.cseq = cseq
        self.actor = actor
        self.hlc = hlc
        self.recordedAt = recordedAt
        self.subject = subject
        self.type = type
        self.schema = schema
        self.payload = payload
        self.previous = previous
    }

    /// The order every replica folds events in, whatever order they arrived in:
    /// by clock reading, then device, then device sequence.
    public static func precedesInCanonicalOrder(_ lhs: Event, _ rhs: Event) -> Bool {
        if lhs.hlc != rhs.hlc { return lhs.hlc < rhs.hlc }
        if lhs.device != rhs.device { return UUID.precedesInByteOrder(lhs.device, rhs.device) }
        return lhs.cseq < rhs.cseq
    }

    /// `events` in canonical order. Events already in that order (as a store reads them) are
    /// returned as they are: sorting moves whole events, and a fold runs on every page stored.
    public static func inCanonicalOrder(_ events: some Sequence<Event>) -> [Event] {
        let events = Array(events)
        guard zip(events, events.dropFirst()).contains(where: { !precedesInCanonicalOrder($0, $1) }) else { return events }
        return events.sorted(by: precedesInCanonicalOrder)
    }
}

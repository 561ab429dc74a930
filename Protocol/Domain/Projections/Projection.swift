/// State computed from events: a fold over them in canonical order.
///
/// Projections are caches: they can be dropped and rebuilt from the events at any time, and every
/// replica holding the same events computes the same state, whatever order the events arrived in.
///
/// One policy for what does not fit: the first record of a subject stands; an event that cannot be
/// read, concerns no known record, or starts a record a second time is kept in sight, never dropped
/// silently: in the projection's `orphans`, or, for issues, as a conflict on the issue itself.
///
/// ```swift
/// let points = FirePoints.fold(events)
/// ```
public protocol Projection: Sendable {
    /// The event types this projection reads; a store passes it only these.
    static var eventTypes: Set<EventType> { get }
    init()
    /// Applies one event; events come in canonical order (``Event/precedesInCanonicalOrder(_:_:)``).
    mutating func apply(_ event: Event)
}

extension Projection {
    /// The state after applying `events`, sorted into canonical order first.
    public static func fold(_ events: some Sequence<Event>) -> Self {
        var state = Self()
        for event in Event.inCanonicalOrder(events) { state.apply(event) }
        return state
    }
}


import Foundation

/// Alerts, the emergency reduction list and the compliance checks, from their events. A lift or a
/// check of an alert not in force at that moment (before it, after its end or lift) is kept in
/// ``orphans``: once an alert is over, nothing more is due or counted.
public struct Alerts: Projection {
    public static let eventTypes: Set<EventType> = [ReductionListed.eventType, ReductionListed.revisedType, AlertDeclared.eventType, AlertLifted.eventType,
                                                    AlertCheckRecorded.eventType]

    public private(set) var alerts: [UUID: Alert] = [:]
    /// The reduction list, by entry.
    public private(set) var entries: [UUID: ReductionListed] = [:]
    public private(set) var orphans: [UUID] = []

    public init() {}

    public subscript(id: UUID) -> Alert? { alerts[id] }

    public mutating func apply(_ event: Event) {
        switch event.type {
        case ReductionListed.eventType:
            guard entries[event.subject] == nil, let entry = try? PayloadCodec.decode(ReductionListed.self, from: event) else { return orphans.append(event.id) }
            entries[event.subject] = entry
        case ReductionListed.revisedType:
            guard entries[event.subject] != nil, let entry = try? PayloadCodec.decode(ReductionListed.self, from: event.payload) else { return orphans.append(event.id) }
            entries[event.subject] = entry
        case AlertDeclared.eventType:
            guard alerts[event.subject] == nil, let declared = try? PayloadCodec.decode(AlertDeclared.self, from: event) else { return orphans.append(event.id) }
            alerts[event.subject] = Alert(id: event.subject, declaration: declared, declaredBy: event.actor, declaredAt: event.recordedAt)
        case AlertLifted.eventType:
            guard var alert = alerts[event.subject], alert.liftedAt == nil, alert.isInForce(at: event.recordedAt) else { return orphans.append(event.id) }
            alert.liftedAt = event.recordedAt
            alerts[event.subject] = alert
        case AlertCheckRecorded.eventType:
            guard var alert = alerts[event.subject], alert.isInForce(at: event.recordedAt),
                  let check = try? PayloadCodec.decode(AlertCheckRecorded.self, from: event) else { return orphans.append(event.id) }
            alert.checks.append(Alert.Check(event: event.id, target: check.target, place: check.place, by: event.actor,
                                            at: event.recordedAt, results: check.results, note: check.note))
            alerts[event.subject] = alert
        default:
            return
        }
    }

    /// The alerts in force at some moment of `span`, earliest first; with `area`, only those over
    /// it (declared for a node within it or above it).
    public func overlapping(_ span: Range<Timestamp>, area: String? = nil, grid: Grid = Grid()) -> [Alert] {
        alerts.values.filter { alert in
            alert.period.overlaps(span) && (area.map { grid.node($0, isWithin: alert.node) || grid.node(alert.node, isWithin: $0) } ?? true)
        }.sorted { ($0.declaredAt, $0.id.uuidString) < ($1.declaredAt, $1.id.uuidString) }
    }
}

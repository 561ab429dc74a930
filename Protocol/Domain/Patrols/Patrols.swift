import Foundation

/// Patrols, the cells' fixed points and the patrol seasons in force, from their events.
///
/// A check-in or an end recorded by anyone but the patrol's officer, or after it ended, is kept in
/// ``orphans``, not applied: a patrol is its officer's record. An end that comes before its start in
/// canonical order (a second device of the officer's, its clock behind) ends it at its start.
public struct Patrols: Projection {
    public static let subjectTypes: Set<EventType> = [PatrolStarted.eventType, PatrolCheckedIn.eventType, PatrolEnded.eventType]
    public static let eventTypes: Set<EventType> = subjectTypes.union([PatrolPointDefined.eventType, PatrolSeasonsDefined.eventType])

    public private(set) var patrols: [UUID: Patrol] = [:]
    public private(set) var points: [UUID: PatrolPoint] = [:]
    /// The seasons set per grid node (the latest definition of each node).
    public private(set) var seasonsByNode: [String: [PatrolSeason]] = [:]
    /// Events that fit no patrol (see above).
    public var orphans: [UUID] { setAside + earlyEnds.values.map(\.event) }
    private var setAside: [UUID] = []
    /// Ends whose start has not come (yet), by patrol.
    private var earlyEnds: [UUID: (event: UUID, actor: String, ended: PatrolEnded)] = [:]

    public init() {}

    public subscript(id: UUID) -> Patrol? { patrols[id] }

    public mutating func apply(_ event: Event) {
        switch event.type {
        case PatrolStarted.eventType:
            guard patrols[event.subject] == nil, let started = try? PayloadCodec.decode(PatrolStarted.self, from: event) else { return setAside.append(event.id) }
            var patrol = Patrol(id: event.subject, officer: event.actor, node: started.node, startedAt: event.recordedAt,
                                start: started.location, note: started.note)
            if let early = earlyEnds.removeValue(forKey: event.subject) {
                if early.actor == patrol.officer { (patrol.endedAt, patrol.end) = (patrol.startedAt, early.ended.location) } else { setAside.append(early.event) }
            }
            patrols[event.subject] = patrol
        case PatrolCheckedIn.eventType:
            guard var patrol = patrols[event.subject], patrol.officer == event.actor, patrol.isUnderWay,
                  let checkIn = try? PayloadCodec.decode(PatrolCheckedIn.self, from: event) else { return setAside.append(event.id) }
            patrol.checkIns.append(.init(at: max(event.recordedAt, patrol.startedAt), location: checkIn.location, point: checkIn.point, note: checkIn.note))
            patrols[event.subject] = patrol
        case PatrolEnded.eventType:
            guard let ended = try? PayloadCodec.decode(PatrolEnded.self, from: event) else { return setAside.append(event.id) }
            guard var patrol = patrols[event.subject] else {
                if earlyEnds[event.subject] == nil { earlyEnds[event.subject] = (event.id, event.actor, ended) } else { setAside.append(event.id) }
                return
            }
            guard patrol.officer == event.actor, patrol.isUnderWay else { return setAside.append(event.id) }
            patrol.endedAt = max(event.recordedAt, patrol.checkIns.last?.at ?? patrol.startedAt)
            patrol.end = ended.location
            if !ended.note.isEmpty { patrol.note = patrol.note.isEmpty ? ended.note : patrol.note + "；" + ended.note }
            patrols[event.subject] = patrol
        case PatrolPointDefined.eventType:
            guard points[event.subject] == nil, let point = try? PayloadCodec.decode(PatrolPointDefined.self, from: event) else { return setAside.append(event.id) }
            points[event.subject] = PatrolPoint(id: event.subject, name: point.name, node: point.node, location: point.location, definedAt: event.recordedAt)
        case PatrolSeasonsDefined.eventType:
            guard let defined = try? PayloadCodec.decode(PatrolSeasonsDefined.self, from: event) else { return setAside.append(event.id) }
            seasonsByNode[defined.node] = defined.seasons
        default:
            return
        }
    }

    /// The seasons in force for `cell`: those set for the nearest node of its lineage, else the defaults.
    public func seasons(for cell: String, grid: Grid) -> [PatrolSeason] {
        grid.nearest(seasonsByNode, for: cell) ?? PatrolSeason.defaults
    }

    /// The fixed points of `cell`, by name.
    public func points(of cell: String) -> [PatrolPoint] {
        points.values.filter { $0.node == cell }.sorted { ($0.name, $0.id.uuidString) < ($1.name, $1.id.uuidString) }
    }

    /// The patrol `officer` has under way, if any (the latest started).
    public func underWay(by officer: String) -> Patrol? {
        patrols.values.filter { $0.officer == officer && $0.isUnderWay }.max { ($0.startedAt, $0.id.uuidString) < ($1.startedAt, $1.id.uuidString) }
    }
}

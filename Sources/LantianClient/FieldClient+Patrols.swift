import Foundation
import LantianDomain

/// Patrols (巡查): a grid officer starts one in their cell, checks in at fixed points or wherever
/// they are, and ends it; township staff define the fixed points; supervisors review coverage.
/// Each record is checked as the server will check it before it is written (``record(_:now:)``).
extension FieldClient {
    /// Starts a patrol of `node` (by default the officer's own cell), refused while another is under way.
    public func startPatrol(node: String?, location: GeoPoint?, note: String, now: Timestamp) throws -> Patrol {
        let user = try userName()
        if let underWay = try store.recentPatrols(now: now).underWay(by: user) {
            throw FieldError.patrolUnderWay(since: BeijingTime.format(underWay.startedAt))
        }
        guard let node = try placeNode(node, location: location) else { throw FieldError.gridNotSynced }
        let patrol = newSubject(now)
        _ = try record([try EventDraft(subject: patrol, payload: PatrolStarted(node: node, location: location, note: note))], now: now)
        return try underWayPatrol(now: now)
    }

    /// Checks in on the patrol under way: at `location`, at the fixed point `point` names (an id
    /// or its name) if given, which must be within ``PatrolCheckedIn/pointRadiusMetres``.
    public func checkIn(location: GeoPoint, point reference: String?, note: String, now: Timestamp) throws -> Patrol {
        let patrols = try store.recentPatrols(now: now)
        let patrol = try underWayPatrol(in: patrols)
        let point = try reference.map { try find($0, in: patrols.points.filter { $0.value.node == patrol.node }, named: \.name).record }
        if let point {
            let metres = location.metres(to: point.location)
            guard metres <= PatrolCheckedIn.pointRadiusMetres else {
                throw FieldError.farFromPatrolPoint(point.name, metres: Int(metres.rounded()), allowed: Int(PatrolCheckedIn.pointRadiusMetres))
            }
        }
        _ = try record([try EventDraft(subject: patrol.id, payload: PatrolCheckedIn(location: location, point: point?.id, note: note))], now: now)
        return try underWayPatrol(now: now)
    }

    /// Ends the patrol under way; refused when none is (a patrol cannot end before it starts).
    public func endPatrol(location: GeoPoint?, note: String, now: Timestamp) throws -> Patrol {
        let patrol = try underWayPatrol(now: now)
        _ = try record([try EventDraft(subject: patrol.id, payload: PatrolEnded(location: location, note: note))], now: now)
        return try store.recentPatrols(now: now)[patrol.id] ?? patrol
    }

    /// The patrol this device's user has under way.
    public func underWayPatrol(now: Timestamp) throws -> Patrol {
        try underWayPatrol(in: try store.recentPatrols(now: now))
    }

    private func underWayPatrol(in patrols: Patrols) throws -> Patrol {
        guard let patrol = patrols.underWay(by: try userName()) else { throw FieldError.noPatrolUnderWay }
        return patrol
    }

    /// Defines a fixed point (定点) of `cell` at `location` (township staff).
    public func definePatrolPoint(name: String, cell: String, location: GeoPoint, now: Timestamp) throws -> UUID {
        guard let node = try placeNode(cell, location: location) else { throw FieldError.gridNotSynced }
        let point = newSubject(now)
        _ = try record([try EventDraft(subject: point, payload: PatrolPointDefined(name: name, node: node, location: location))], now: now)
        return point
    }

    /// The fixed points within `node` (every one this device holds when `nil`), by cell and name.
    public func patrolPoints(within node: String?) throws -> [PatrolPoint] {
        let grid = try store.grid()
        return try store.patrolSettings().points.values
            .filter { point in node.map { grid.node(point.node, isWithin: $0) } ?? true }
            .sorted { ($0.node, $0.name, $0.id.uuidString) < ($1.node, $1.name, $1.id.uuidString) }
    }

    /// The patrols under way at some moment of `month`, within `node`, latest first.
    public func patrols(month: ReviewMonth, within node: String?) throws -> [Patrol] {
        let grid = try store.grid()
        return try store.patrols(in: month.start..<month.end).patrols.values
            .filter { patrol in patrol.startedAt < month.end && patrol.lastSeen >= month.start && (node.map { grid.node(patrol.node, isWithin: $0) } ?? true) }
            .sorted { ($0.startedAt, $0.id.uuidString) > ($1.startedAt, $1.id.uuidString) }
    }

    /// Patrol coverage of `node` (by default the user's scope) in `month`, as of now.
    public func patrolCoverage(within node: String?, month: ReviewMonth, now: Timestamp) throws -> PatrolCoverage {
        let grid = try store.grid()
        guard let node = try node ?? profile()?.scope else { throw FieldError.gridNotSynced }
        guard grid[node] != nil else { throw FieldError.unknownNode(node) }
        return PatrolCoverage(patrols: try store.patrols(in: month.start..<month.end), grid: grid, within: node, month: month, asOf: now,
                              alerts: try alerts().overlapping(month.start..<month.end))
    }

    /// How many issues each patrol's officer reported while it was under way: what it found.
    public func finds(of patrols: [Patrol], now: Timestamp) throws -> [UUID: Int] {
        guard !patrols.isEmpty else { return [:] }
        let byReporter = Dictionary(grouping: try store.tickets(TicketFilter(includeClosed: true), now: now), by: \.reportedBy)
        return Dictionary(patrols.map { patrol in
            (patrol.id, (byReporter[patrol.officer] ?? []).filter { $0.reportedAt >= patrol.startedAt && $0.reportedAt <= patrol.lastSeen }.count)
        }) { first, _ in first }
    }
}

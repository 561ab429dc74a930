import Foundation

/// One patrol as its events tell it: who walked which cell, from when to when, through which
/// positions and fixed points.
public struct Patrol: Hashable, Sendable {
    public struct CheckIn: Hashable, Sendable {
        public var at: Timestamp
        public var location: GeoPoint
        public var point: UUID?
        public var note: String
    }

    public var id: UUID
    public var officer: String
    /// The cell patrolled.
    public var node: String
    public var startedAt: Timestamp
    public var start: GeoPoint?
    public var checkIns: [CheckIn] = []
    public var endedAt: Timestamp?
    public var end: GeoPoint?
    public var note: String

    /// Whether it has not ended yet.
    public var isUnderWay: Bool { endedAt == nil }

    /// Until when it counts as walked: its end, or while it goes on, its last check-in.
    public var lastSeen: Timestamp { endedAt ?? checkIns.last?.at ?? startedAt }

    /// How long it lasted, in hours (never negative).
    public var hours: Double { Double(max(0, lastSeen.milliseconds(since: startedAt))) / 3_600_000 }

    /// Whether it was under way at some moment of `window`.
    public func covers(_ window: Range<Timestamp>) -> Bool { startedAt < window.upperBound && lastSeen >= window.lowerBound }

    /// Its positions in order: the start, each check-in, the end (those it has).
    public var track: [GeoPoint] { [start].compactMap { $0 } + checkIns.map(\.location) + [end].compactMap { $0 } }

    /// Whether it checked in at `point`, within ``PatrolCheckedIn/pointRadiusMetres`` of it.
    public func checkedIn(at point: PatrolPoint) -> Bool {
        checkIns.contains { $0.point == point.id && $0.location.metres(to: point.location) <= PatrolCheckedIn.pointRadiusMetres }
    }
}

/// A fixed point (定点) of a cell.
public struct PatrolPoint: Hashable, Sendable {
    public var id: UUID
    public var name: String
    public var node: String
    public var location: GeoPoint
    public var definedAt: Timestamp
}

import Foundation
import GRDB
import LantianDomain

/// Patrols, folded from their events when asked: the patrols of a span (by when their events were
/// recorded, a day either side so a patrol over midnight is whole), every fixed point and every
/// seasons setting. No table of their own yet: a month of a county's patrols is a few thousand events.
extension EventStore {
    /// The patrols under way at some moment of `span`, with every fixed point and seasons setting.
    public func patrols(in span: Range<Timestamp>) throws -> Patrols {
        try read { db in
            var patrols = Patrols()
            let day: Int64 = 86_400_000
            let types = Array(Patrols.eventTypes.map(\.rawValue))
            let settings = [PatrolPointDefined.eventType.rawValue, PatrolSeasonsDefined.eventType.rawValue]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(Event.columns) FROM event WHERE type IN (\(databaseQuestionMarks(count: types.count))) AND \(Self.notRefused)
                AND (type IN (?, ?) OR (recordedAt >= ? AND recordedAt < ?))
                ORDER BY hlc, device, cseq
                """, arguments: StatementArguments(types) + StatementArguments(settings)
                    + [span.lowerBound.millisecondsSince1970 &- day, span.upperBound.millisecondsSince1970 &+ day])
            while let row = try rows.next() { patrols.apply(try Event(row: row)) }
            return patrols
        }
    }

    /// The patrols of the last `days` days, every fixed point and seasons setting: enough to find
    /// the one an officer has under way.
    public func recentPatrols(now: Timestamp, days: Int64 = 3) throws -> Patrols {
        try patrols(in: now.adding(milliseconds: -days * 86_400_000)..<now.adding(milliseconds: 86_400_000))
    }

    /// The fixed points and the seasons settings, without any patrol.
    public func patrolSettings() throws -> Patrols {
        try read { db in
            var patrols = Patrols()
            try Self.forEachEvent(db, ofTypes: [PatrolPointDefined.eventType, PatrolSeasonsDefined.eventType]) { patrols.apply($0) }
            return patrols
        }
    }
}

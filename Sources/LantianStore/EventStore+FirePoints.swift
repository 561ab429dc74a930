import Foundation
import GRDB
import LantianDomain

/// Fire points as the store keeps them: lists from the `fire_point` table, one fire point folded
/// from its own events.
extension EventStore {
    /// The fire points observed within `span` (any time without one), at `node` and below (all,
    /// without a node), by time observed: rows of the `fire_point` table.
    public func firePoints(observedIn span: Range<Timestamp>? = nil, within node: String? = nil) throws -> [FirePointSummary] {
        try read { db in
            let (within, arguments) = Self.withinClause(node)
            let bounds: StatementArguments = ["start": span?.lowerBound.millisecondsSince1970 ?? .min,
                                              "end": span?.upperBound.millisecondsSince1970 ?? .max]
            let inSpan = span == nil ? "1" : "observedAt >= :start AND observedAt < :end"
            return try FirePointRow.fetchAll(db, sql: """
                SELECT \(FirePointRow.selection) FROM fire_point WHERE \(inSpan) AND \(within) ORDER BY observedAt, id
                """, arguments: arguments + bounds).map(\.summary)
        }
    }

    /// The fire points `ids` whole, each folded from its own events, in the same order (those the
    /// store does not hold are left out).
    public func firePoints(_ ids: [UUID]) throws -> [FirePoint] {
        try read { db in
            let folded = FirePoints.fold(try Self.events(db, about: Set(ids), ofTypes: FirePoints.eventTypes))
            return ids.compactMap { folded[$0] }
        }
    }

    /// The fire point `id`, folded from its own events.
    public func firePoint(_ id: UUID) throws -> FirePoint? { try firePoints([id]).first }

    /// Which of `ids` are fire points the store holds.
    public func heldFirePoints(among ids: [UUID]) throws -> Set<UUID> {
        try read { db in
            var held = Set<UUID>()
            for chunk in ids.chunked(by: 500) {
                held.formUnion(try UUID.fetchAll(db, sql: "SELECT id FROM fire_point WHERE id IN (\(databaseQuestionMarks(count: chunk.count)))",
                                                 arguments: StatementArguments(chunk)))
            }
            return held
        }
    }

    /// The ids of fire points a short reference may name (see ``ticketIDs(matching:)``).
    public func firePointIDs(matching reference: String) throws -> [UUID] {
        try read { db in try Self.ids(db, in: "fire_point", matching: reference) }
    }
}

import Foundation
import GRDB
import LantianDomain

/// Issues as the store keeps them: lists from the `ticket` table, one issue folded from its own events.
extension EventStore {
    /// The issues `filter` selects, in its order: rows of the `ticket` table, found by its indexes.
    public func tickets(_ filter: TicketFilter, now: Timestamp) throws -> [TicketSummary] {
        try read { db in try Self.request(filter, now: now).ordered(by: filter.order).fetchAll(db).map(\.summary) }
    }

    /// The last `count` reported of the issues `filter` selects (in report order), and how many it
    /// selects, read together.
    public func latestTickets(_ filter: TicketFilter, count: Int, now: Timestamp) throws -> (tickets: [TicketSummary], total: Int) {
        try read { db in
            let request = Self.request(filter, now: now)
            let latest = try request.order(TicketRow.Columns.reportedAt.desc, TicketRow.Columns.id.desc).limit(max(0, count)).fetchAll(db)
            return (latest.reversed().map(\.summary), try request.fetchCount(db))
        }
    }

    private static func request(_ filter: TicketFilter, now: Timestamp) -> QueryInterfaceRequest<TicketRow> {
        var request = TicketRow.all()
        if let state = filter.state {
            request = request.filter(TicketRow.Columns.state == state.rawValue)
        } else if !filter.includeClosed {
            request = request.open()
        }
        if let category = filter.category { request = request.filter(TicketRow.Columns.category == category.rawValue) }
        request = request.within(node: filter.node).seen(from: filter.seenFrom)
        if filter.overdueOnly { request = request.overdue(at: now) }
        if let user = filter.involving {
            request = request.filter(TicketRow.Columns.assignee == user || TicketRow.Columns.reportedBy == user)
        }
        return request
    }

    /// The issue `id`, folded from its own events and the registrations of those who recorded them:
    /// equal to what the full fold gives for it.
    public func ticket(_ id: UUID) throws -> Ticket? {
        try read { db in try Self.foldTickets(db, [id])[id] }
    }

    /// The issues `ids` whole, in the same order (those the store does not hold are left out).
    public func tickets(_ ids: [UUID]) throws -> [Ticket] {
        try read { db in
            let folded = try Self.foldTickets(db, Set(ids))
            return ids.compactMap { folded[$0] }
        }
    }

    /// The issues within `node` reported before `end`, each as it stood then: folded from its
    /// events recorded before `end` alone, so a period's figures do not change when later events
    /// arrive. (Which issues are within `node` is as they lie now.)
    public func tickets(within node: String, asOf end: Timestamp) throws -> [TicketSummary] {
        try read { db in
            let ids = try UUID.fetchAll(db, TicketRow.select(TicketRow.Columns.id).within(node: node)
                .filter(TicketRow.Columns.reportedAt < end.millisecondsSince1970))
            guard !ids.isEmpty else { return [] }
            let events = try Self.events(db, about: Set(ids), ofTypes: Tickets.subjectTypes).filter { $0.recordedAt < end }
            return Tickets.fold(events, roles: try Self.roleHistory(db, of: Set(events.map(\.actor)))).all.map(TicketSummary.init)
        }
    }

    /// The issues that follow from the record `origin` (a fire point, say).
    public func tickets(from origin: UUID) throws -> [Ticket] {
        try read { db in
            let ids = try UUID.fetchAll(db, TicketRow.select(TicketRow.Columns.id).filter(TicketRow.Columns.origin == origin).inReportOrder())
            let folded = try Self.foldTickets(db, Set(ids))
            return ids.compactMap { folded[$0] }
        }
    }

    /// The ids of issues a short reference may name: those whose id starts or ends with its digits,
    /// or whose short id (the last 8 digits) starts with them. ``IDReference`` decides among them.
    public func ticketIDs(matching reference: String) throws -> [UUID] {
        try read { db in try Self.ids(db, in: "ticket", matching: reference) }
    }

    /// The ids in `table` (a read model keyed by `id`) that a short reference may name.
    static func ids(_ db: Database, in table: String, matching reference: String) throws -> [UUID] {
        if let id = UUID(uuidString: reference) { return try UUID.fetchAll(db, sql: "SELECT id FROM \(table) WHERE id = ?", arguments: [id]) }
        let digits = reference.lowercased().replacingOccurrences(of: "-", with: "")
        guard digits.count >= IDReference.minimumDigits, digits.count <= 32, digits.allSatisfy(\.isHexDigit) else { return [] }
        let upper = digits.uppercased()
        return try UUID.fetchAll(db, sql: """
            SELECT id FROM \(table) WHERE substr(hex(id), 1, ?1) = ?2 OR substr(hex(id), 33 - ?1) = ?2 OR substr(hex(id), 25, ?1) = ?2
            """, arguments: [upper.count, upper])
    }

    /// The issues `subjects`, each folded from its own events and the registrations of those who
    /// recorded them.
    static func foldTickets(_ db: Database, _ subjects: Set<UUID>) throws -> [UUID: Ticket] {
        guard !subjects.isEmpty else { return [:] }
        let events = try events(db, about: subjects, ofTypes: Tickets.subjectTypes)
        return Tickets.fold(events, roles: try roleHistory(db, of: Set(events.map(\.actor)))).byID
    }
}

import Foundation
import GRDB
import LantianDomain

/// A row of the `ticket` read model: one issue as lists show it.
struct TicketRow: FetchableRecord, PersistableRecord {
    static let databaseTableName = "ticket"

    enum Columns: String, ColumnExpression, CaseIterable {
        case id, category, state, node, title, reportedBy, reportedAt, assignee, deadline, closedAt
        case reopenCount, escalationCount, escalations, conflictCount, latitude, longitude, origin, note
        case requestedDeadline, extensionCount
        case foldedHlc, foldedDevice, foldedCseq
    }

    /// The columns rows are read with, in ``Columns`` order (``init(row:)`` reads them by place).
    static let selection = Columns.allCases.map(\.name).joined(separator: ", ")
    /// Requests read ``selection`` too.
    static var databaseSelection: [any SQLSelectable] { Columns.allCases }

    var summary: TicketSummary
    /// The canonical position of the last event the row was folded from: events after it are
    /// applied to the row (``TicketSummary/continued(with:roles:)``), others re-fold the issue.
    var folded: CanonicalPosition?

    init(_ summary: TicketSummary, folded: CanonicalPosition?) {
        self.summary = summary
        self.folded = folded
    }

    /// Reads a row; one that does not hold an issue (a damaged store) throws ``StoreError/damaged(_:)``.
    init(row: Row) throws {
        do {
            guard let category = InspectionCategory(rawValue: try row.decode(atIndex: Columns.category.index)),
                  let state = TicketState(rawValue: try row.decode(atIndex: Columns.state.index)) else {
                throw StoreError.damaged("an issue row has an unknown category or state: run lantian rebuild")
            }
            let latitude: Double? = try row.decode(atIndex: Columns.latitude.index), longitude: Double? = try row.decode(atIndex: Columns.longitude.index)
            summary = TicketSummary(
                id: try row.decode(atIndex: Columns.id.index), category: category, state: state, node: try row.decode(atIndex: Columns.node.index),
                title: try row.decode(atIndex: Columns.title.index), reportedBy: try row.decode(atIndex: Columns.reportedBy.index),
                reportedAt: Timestamp(millisecondsSince1970: try row.decode(atIndex: Columns.reportedAt.index)),
                assignee: try row.decode(atIndex: Columns.assignee.index),
                deadline: (try row.decode(atIndex: Columns.deadline.index) as Int64?).map(Timestamp.init(millisecondsSince1970:)),
                closedAt: (try row.decode(atIndex: Columns.closedAt.index) as Int64?).map(Timestamp.init(millisecondsSince1970:)),
                reopenCount: try row.decode(atIndex: Columns.reopenCount.index), escalations: try Self.escalations(try row.decode(atIndex: Columns.escalations.index)),
                conflictCount: try row.decode(atIndex: Columns.conflictCount.index),
                location: latitude.flatMap { latitude in longitude.flatMap { try? GeoPoint(latitude: latitude, longitude: $0) } },
                origin: try row.decode(atIndex: Columns.origin.index), note: try row.decode(atIndex: Columns.note.index))
            summary.requestedDeadline = (try row.decode(atIndex: Columns.requestedDeadline.index) as Int64?).map(Timestamp.init(millisecondsSince1970:))
            summary.extensionCount = try row.decode(atIndex: Columns.extensionCount.index)
            let hlc: Int64? = try row.decode(atIndex: Columns.foldedHlc.index), device: UUID? = try row.decode(atIndex: Columns.foldedDevice.index)
            let cseq: Int64? = try row.decode(atIndex: Columns.foldedCseq.index)
            folded = hlc.flatMap(HybridTimestamp.init(packed:)).flatMap { hlc in
                device.flatMap { device in cseq.map { CanonicalPosition(hlc: hlc, device: device, cseq: $0) } }
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.damaged("an issue row cannot be read (\(error)): run lantian rebuild")
        }
    }

    /// The escalation levels a row keeps as `interview;special-inspection`.
    private static func escalations(_ text: String) throws -> [TicketStep.Escalation] {
        try text.split(separator: ";").map { level in
            guard let escalation = TicketStep.Escalation(rawValue: String(level)) else {
                throw StoreError.damaged("an issue row has an unknown escalation level: run lantian rebuild")
            }
            return escalation
        }
    }

    /// Inserts the rows, or replaces the rows of the same issues (``TicketRowBatch`` writes them).
    /// An upsert, not `INSERT OR REPLACE`: an update rewrites only the index entries whose columns
    /// changed, where a replace deletes the row and every entry of it first.
    static func saveSQL(rows count: Int) -> String {
        let row = "(\(databaseQuestionMarks(count: Columns.allCases.count)))"
        return """
            INSERT INTO ticket (\(Columns.allCases.map(\.name).joined(separator: ", ")))
            VALUES \(Array(repeating: row, count: count).joined(separator: ", "))
            ON CONFLICT (id) DO UPDATE SET \(Columns.allCases.dropFirst().map { "\($0.name) = excluded.\($0.name)" }.joined(separator: ", "))
            """
    }

    /// The row's values, in ``Columns`` order.
    var values: [(any DatabaseValueConvertible)?] {
        [summary.id, summary.category.rawValue, summary.state.rawValue, summary.node, summary.title, summary.reportedBy,
         summary.reportedAt.millisecondsSince1970, summary.assignee, summary.deadline?.millisecondsSince1970, summary.closedAt?.millisecondsSince1970,
         summary.reopenCount, summary.escalationCount, summary.escalations.map(\.rawValue).joined(separator: ";"), summary.conflictCount,
         summary.location?.latitude, summary.location?.longitude, summary.origin, summary.note,
         summary.requestedDeadline?.millisecondsSince1970, summary.extensionCount,
         folded?.hlc.packed, folded?.device, folded?.cseq]
    }

    func encode(to container: inout PersistenceContainer) {
        for (column, value) in zip(Columns.allCases, values) { container[column] = value }
    }
}

extension DerivableRequest<TicketRow> {
    /// Open issues (not closed out).
    func open() -> Self {
        // Named one by one, so that SQLite can find them by the state index (open issues are few).
        filter(TicketState.allCases.filter { $0 != .closed }.map(\.rawValue).contains(TicketRow.Columns.state))
    }

    /// Issues at `node` or below it in the grid; all issues without a node.
    func within(node: String?) -> Self {
        guard let node else { return self }
        return filter(TicketRow.Columns.node == node
               || SQL("\(TicketRow.Columns.node) IN (SELECT node FROM grid_ancestry WHERE ancestor = \(node))"))
    }

    /// Issues within the scope `scope` or at the nodes above it.
    func seen(from scope: String?) -> Self {
        guard let scope else { return self }
        return filter(TicketRow.Columns.node == scope
            || SQL("\(TicketRow.Columns.node) IN (SELECT node FROM grid_ancestry WHERE ancestor = \(scope))")
            || SQL("\(TicketRow.Columns.node) IN (SELECT ancestor FROM grid_ancestry WHERE node = \(scope))"))
    }

    /// Issues past their deadline at `now` while the township still owes the rectification.
    func overdue(at now: Timestamp) -> Self {
        filter(Ticket.owingRectification.map(\.rawValue).contains(TicketRow.Columns.state)
               && TicketRow.Columns.deadline < now.millisecondsSince1970)
    }

    /// Oldest report first, as every list shows them.
    func inReportOrder() -> Self { order(TicketRow.Columns.reportedAt, TicketRow.Columns.id) }

    /// In `order`: oldest report first, or nearest deadline first with issues without one after
    /// them, each oldest report first.
    func ordered(by order: TicketFilter.Order) -> Self {
        switch order {
        case .reported: inReportOrder()
        case .deadline: self.order(TicketRow.Columns.deadline == nil, TicketRow.Columns.deadline, TicketRow.Columns.reportedAt, TicketRow.Columns.id)
        }
    }
}

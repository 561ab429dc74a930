import Foundation
import GRDB
import LantianDomain

/// What a supervisor reviews, counted by SQL on the `ticket` table: the figures the pure reviews in
/// LantianDomain compute from issues, without reading every issue (`ReadModelTests` compares them).
extension EventStore {
    /// Each node's issue figures for `month` as they stand at `now`, and the open issues, of the
    /// issues at `node` and below (all issues without a node).
    public func issueFigures(within node: String?, month: ReviewMonth, now: Timestamp) throws -> (perNode: [IssueReview.Row], open: [TicketSummary]) {
        try read { db in
            let (within, arguments) = Self.withinClause(node)
            let (start, end) = (month.start.millisecondsSince1970, month.end.millisecondsSince1970)
            var rows: [String: IssueReview.Row] = [:]
            let counts = try Row.fetchCursor(db, sql: """
                SELECT node, COUNT(*), TOTAL(state != :closed), TOTAL(state IN (:assigned, :rectifying) AND deadline < :now),
                       TOTAL(escalationCount > 0), TOTAL(reportedAt >= :start AND reportedAt < :end), TOTAL(closedAt >= :start AND closedAt < :end)
                FROM ticket WHERE \(within) GROUP BY node
                """, arguments: arguments + [
                    "closed": TicketState.closed.rawValue, "assigned": TicketState.assigned.rawValue,
                    "rectifying": TicketState.rectifying.rawValue, "now": now.millisecondsSince1970, "start": start, "end": end,
                ])
            while let count = try counts.next() {
                let node: String = try count.decode(atIndex: 0)
                var row = IssueReview.Row(node: node, name: node)
                func figure(_ index: Int) throws -> Int { Int(exactly: try count.decode(atIndex: index) as Double) ?? 0 }
                (row.total, row.open, row.overdue, row.escalated) = (try count.decode(atIndex: 1), try figure(2), try figure(3), try figure(4))
                (row.openedThisMonth, row.closedThisMonth) = (try figure(5), try figure(6))
                row.closed = row.total - row.open
                rows[node] = row
            }
            let closed = try Row.fetchCursor(db, sql: "SELECT node, reportedAt, closedAt FROM ticket WHERE closedAt IS NOT NULL AND \(within)",
                                             arguments: arguments)
            while let ticket = try closed.next() {
                rows[try ticket.decode(atIndex: 0)]?.closeOutHours.append(
                    IssueReview.Row.hours(from: Timestamp(millisecondsSince1970: try ticket.decode(atIndex: 1)),
                                          to: Timestamp(millisecondsSince1970: try ticket.decode(atIndex: 2))))
            }
            return (Array(rows.values), try TicketRow.all().open().within(node: node).inReportOrder().fetchAll(db).map(\.summary))
        }
    }

    /// When the issues at `node` and below (all without a node) were reported and closed out, of
    /// the times within `span`.
    public func issueTimes(within node: String?, in span: Range<Timestamp>) throws -> (reported: [Timestamp], closed: [Timestamp]) {
        try read { db in
            let (within, arguments) = Self.withinClause(node)
            let bounds: StatementArguments = ["start": span.lowerBound.millisecondsSince1970, "end": span.upperBound.millisecondsSince1970]
            let reported = try Int64.fetchAll(db, sql: "SELECT reportedAt FROM ticket WHERE reportedAt >= :start AND reportedAt < :end AND \(within)",
                                              arguments: arguments + bounds)
            let closed = try Int64.fetchAll(db, sql: "SELECT closedAt FROM ticket WHERE closedAt >= :start AND closedAt < :end AND \(within)",
                                            arguments: arguments + bounds)
            return (reported.map(Timestamp.init(millisecondsSince1970:)), closed.map(Timestamp.init(millisecondsSince1970:)))
        }
    }

    /// The condition "at `node` or below it" on a read model's `node` column (always true without a node).
    static func withinClause(_ node: String?) -> (sql: String, arguments: StatementArguments) {
        guard let node else { return ("1", [:]) }
        return ("(node = :within OR node IN (SELECT node FROM grid_ancestry WHERE ancestor = :within))", ["within": node])
    }
}

import Foundation
import GRDB
import LantianDomain

/// What a supervisor reviews, counted by SQL on the `ticket` table: the figures the pure reviews in
/// LantianDomain compute from issues, without reading every issue (`ReadModelTests` compares them).
extension EventStore {
    /// Each node's issue figures for `month` as they stand at `now`, and the open issues, of the
    /// issues at `node` and below (all issues without a node). Every query is bounded by what is
    /// open or what happened in the month, never by the history: totals come from `ticket_tally`.
    public func issueFigures(within node: String?, month: ReviewMonth, now: Timestamp) throws -> (perNode: [IssueReview.Row], open: [TicketSummary]) {
        try read { db in
            let (within, arguments) = Self.withinClause(node)
            let bounds: StatementArguments = ["start": month.start.millisecondsSince1970, "end": month.end.millisecondsSince1970]
            var rows: [String: IssueReview.Row] = [:]
            func update(_ node: String, _ change: (inout IssueReview.Row) -> Void) {
                change(&rows[node, default: IssueReview.Row(node: node, name: node)])
            }
            let tallies = try Row.fetchCursor(db, sql: "SELECT node, state, escalated, count FROM ticket_tally WHERE count > 0 AND \(within)",
                                              arguments: arguments)
            while let tally = try tallies.next() {
                let (closed, escalated, count): (Bool, Bool, Int) = (try tally.decode(atIndex: 1) == TicketState.closed.rawValue,
                                                                     try tally.decode(atIndex: 2), try tally.decode(atIndex: 3))
                update(try tally.decode(atIndex: 0)) { row in
                    row.total += count
                    if closed { row.closed += count } else { row.open += count }
                    if escalated { row.escalated += count }
                }
            }
            let overdue = try Row.fetchCursor(db, sql: """
                SELECT node, COUNT(*) FROM ticket WHERE state IN (:reported, :assigned, :rectifying) AND deadline < :now AND \(within) GROUP BY node
                """, arguments: arguments + ["reported": TicketState.reported.rawValue, "assigned": TicketState.assigned.rawValue,
                                             "rectifying": TicketState.rectifying.rawValue, "now": now.millisecondsSince1970])
            while let count = try overdue.next() {
                let overdue: Int = try count.decode(atIndex: 1)
                update(try count.decode(atIndex: 0)) { $0.overdue = overdue }
            }
            let opened = try Row.fetchCursor(db, sql: """
                SELECT node, COUNT(*) FROM ticket WHERE reportedAt >= :start AND reportedAt < :end AND \(within) GROUP BY node
                """, arguments: arguments + bounds)
            while let count = try opened.next() {
                let opened: Int = try count.decode(atIndex: 1)
                update(try count.decode(atIndex: 0)) { $0.openedThisMonth = opened }
            }
            // By the close-out index, always: by node, SQLite would read every issue a county ever had.
            let closed = try Row.fetchCursor(db, sql: """
                SELECT node, reportedAt, closedAt FROM ticket INDEXED BY ticket_by_close_out
                WHERE closedAt >= :start AND closedAt < :end AND \(within)
                """, arguments: arguments + bounds)
            while let ticket = try closed.next() {
                let hours = IssueReview.Row.hours(from: Timestamp(millisecondsSince1970: try ticket.decode(atIndex: 1)),
                                                  to: Timestamp(millisecondsSince1970: try ticket.decode(atIndex: 2)))
                update(try ticket.decode(atIndex: 0)) { row in
                    row.closedThisMonth += 1
                    row.closeOutHours.append(hours)
                }
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
            let closed = try Int64.fetchAll(db, sql: """
                SELECT closedAt FROM ticket INDEXED BY ticket_by_close_out WHERE closedAt >= :start AND closedAt < :end AND \(within)
                """, arguments: arguments + bounds)
            return (reported.map(Timestamp.init(millisecondsSince1970:)), closed.map(Timestamp.init(millisecondsSince1970:)))
        }
    }

    /// The condition "at `node` or below it" on a read model's `node` column (always true without a node).
    static func withinClause(_ node: String?) -> (sql: String, arguments: StatementArguments) {
        guard let node else { return ("1", [:]) }
        return ("(node = :within OR node IN (SELECT node FROM grid_ancestry WHERE ancestor = :within))", ["within": node])
    }
}

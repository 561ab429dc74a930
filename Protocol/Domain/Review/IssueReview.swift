import Foundation

/// The issue figures a supervisor reviews, per township: computed from tickets, never stored.
///
/// ```swift
/// let review = IssueReview(tickets: tickets.all, grid: grid, month: ReviewMonth("2026-10")!, now: now)
/// ```
public struct IssueReview: Hashable, Sendable {
    /// One township's figures (or a county's own queue, for issues not yet in a township).
    public struct Row: Hashable, Sendable {
        public var node: String
        public var name: String
        public var total = 0
        public var open = 0
        public var overdue = 0
        public var escalated = 0
        public var closed = 0
        public var openedThisMonth = 0
        public var closedThisMonth = 0
        /// Hours from report to close-out, of every closed issue.
        public var closeOutHours: [Double] = []

        /// Closed out of all issues (整改率); `nil` without issues.
        public var rectificationRate: Double? { total == 0 ? nil : Double(closed) / Double(total) }

        /// The median time to close-out in hours; `nil` when none is closed.
        public var medianCloseOutHours: Double? { median(closeOutHours) { ($0 + $1) / 2 } }
    }

    public var month: ReviewMonth
    /// By township code (or county code for a county's queue), in code order.
    public var rows: [Row]
    /// Open issues by category.
    public var openByCategory: [InspectionCategory: Int]
    /// Open issues, oldest report first.
    public var oldestOpen: [Ticket]

    public init(tickets: [Ticket], grid: Grid, month: ReviewMonth, now: Timestamp) {
        self.month = month
        var rows: [String: Row] = [:]
        for ticket in tickets {
            let place = grid.township(of: ticket.report.node)
            var row = rows[place.code] ?? Row(node: place.code, name: place.name)
            row.total += 1
            if ticket.isOpen { row.open += 1 } else { row.closed += 1 }
            if ticket.isOverdue(at: now) { row.overdue += 1 }
            if !ticket.escalations.isEmpty { row.escalated += 1 }
            if month.contains(ticket.reportedAt) { row.openedThisMonth += 1 }
            if let closedAt = ticket.closedAt {
                if month.contains(closedAt) { row.closedThisMonth += 1 }
                row.closeOutHours.append(Double(closedAt.milliseconds(since: ticket.reportedAt)) / 3_600_000)
            }
            rows[place.code] = row
        }
        self.rows = rows.values.sorted { $0.node < $1.node }
        openByCategory = Dictionary(grouping: tickets.filter(\.isOpen), by: \.report.category).mapValues(\.count)
        oldestOpen = tickets.filter(\.isOpen).sorted { $0.reportedAt < $1.reportedAt }
    }
}

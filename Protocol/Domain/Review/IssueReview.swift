import Foundation

/// The issue figures a supervisor reviews, per township: computed from issues, never stored.
///
/// Each issue is counted for the node it was reported at, and the nodes' figures are added up per
/// township: a store can count per node in SQL and give the same review as counting every issue
/// here (`ReadModelTests` checks that it does).
///
/// ```swift
/// let review = IssueReview(tickets: summaries, grid: grid, month: ReviewMonth("2026-10")!, now: now)
/// ```
public struct IssueReview: Hashable, Sendable {
    /// One node's or township's figures (or a county's own queue, for issues not yet in a township).
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
        /// Hours from report to close-out, of the issues closed out in the month.
        public var closeOutHours: [Double] = []

        public init(node: String, name: String) {
            self.node = node
            self.name = name
        }

        /// Closed out of all issues (整改率); `nil` without issues.
        public var rectificationRate: Double? { total == 0 ? nil : Double(closed) / Double(total) }

        /// The median time to close-out in hours, of the issues closed out in the month; `nil` when none was.
        public var medianCloseOutHours: Double? { median(closeOutHours) { ($0 + $1) / 2 } }

        /// Counts one issue as it stands at `now`, for `month`.
        public mutating func count(_ ticket: TicketSummary, month: ReviewMonth, now: Timestamp) {
            total += 1
            if ticket.isOpen { open += 1 } else { closed += 1 }
            if ticket.isOverdue(at: now) { overdue += 1 }
            if ticket.escalationCount > 0 { escalated += 1 }
            if month.contains(ticket.reportedAt) { openedThisMonth += 1 }
            if let closedAt = ticket.closedAt, month.contains(closedAt) {
                closedThisMonth += 1
                closeOutHours.append(Self.hours(from: ticket.reportedAt, to: closedAt))
            }
        }

        /// Adds the figures of `other` (another node of the same township).
        public mutating func add(_ other: Row) {
            total += other.total
            open += other.open
            overdue += other.overdue
            escalated += other.escalated
            closed += other.closed
            openedThisMonth += other.openedThisMonth
            closedThisMonth += other.closedThisMonth
            closeOutHours += other.closeOutHours
        }

        /// Hours between a report and its close-out.
        public static func hours(from reportedAt: Timestamp, to closedAt: Timestamp) -> Double {
            Double(closedAt.milliseconds(since: reportedAt)) / 3_600_000
        }
    }

    public var month: ReviewMonth
    /// By township code (or county code for a county's queue), in code order.
    public var rows: [Row]
    /// Open issues by category.
    public var openByCategory: [InspectionCategory: Int]
    /// Open issues, oldest report first.
    public var oldestOpen: [TicketSummary]

    /// The review of `tickets`: the specification.
    public init(tickets: [TicketSummary], grid: Grid, month: ReviewMonth, now: Timestamp) {
        var perNode: [String: Row] = [:]
        for ticket in tickets { perNode[ticket.node, default: Row(node: ticket.node, name: ticket.node)].count(ticket, month: month, now: now) }
        self.init(perNode: Array(perNode.values), open: tickets.filter(\.isOpen), grid: grid, month: month)
    }

    /// The review from figures already counted per node of report, and the open issues.
    public init(perNode: [Row], open: [TicketSummary], grid: Grid, month: ReviewMonth) {
        self.month = month
        var rows: [String: Row] = [:]
        for row in perNode {
            let place = grid.township(of: row.node)
            rows[place.code, default: Row(node: place.code, name: place.name)].add(row)
        }
        self.rows = rows.values.sorted { $0.node < $1.node }.map { row in
            var row = row
            row.closeOutHours.sort()
            return row
        }
        openByCategory = Dictionary(grouping: open, by: \.category).mapValues(\.count)
        oldestOpen = open.sorted { ($0.reportedAt, $0.id.uuidString) < ($1.reportedAt, $1.id.uuidString) }
    }
}

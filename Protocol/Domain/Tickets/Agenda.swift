/// What a user has to do now, from the open issues where they work: what `lantian` alone shows,
/// and what a sync tells them is new. Each role sees its own duties in the workflow
/// (``TicketWorkflow``): township staff assign, start and report rectification, supervisors verify,
/// grid officers follow what they reported; everyone sees what is overdue.
///
/// ```swift
/// let agenda = Agenda(user: user, open: openIssuesInScope, now: now)
/// agenda[.toVerify]  // the issues waiting for this supervisor's check on site
/// ```
public struct Agenda: Hashable, Sendable {
    /// A kind of work waiting, in the order the home screen shows them.
    public enum Duty: String, CaseIterable, Hashable, Sendable {
        /// Past the deadline while the township still owes the rectification.
        case overdue
        /// Due within ``Agenda/dueSoon`` and not overdue.
        case dueSoon
        /// Reported, waiting for the township to assign it (township staff).
        case toAssign
        /// Assigned to this user, rectification not started yet.
        case toStart
        /// Being rectified by this user: report it when done.
        case toReport
        /// Rectification reported: to be checked on site and closed out, or rejected (supervisors).
        case toVerify
        /// A later deadline asked for: to grant or refuse (supervisors).
        case toDecideExtension
        /// Open at a grid node that was retired: to transfer to the node that now owns the place
        /// (township staff, supervisors).
        case toTransfer
        /// Reported by this grid officer and not closed out yet.
        case myReports
    }

    /// How far ahead a deadline counts as due soon: 3 days.
    public static let dueSoon: Int64 = 3 * 86_400_000

    private var issues: [Duty: [TicketSummary]] = [:]

    /// `retired`: the codes of retired grid nodes.
    public init(user: UserRegistered, open: [TicketSummary], now: Timestamp, retired: Set<String> = []) {
        for issue in open where issue.state != .closed {
            for duty in Self.duties(of: issue, for: user, now: now) { issues[duty, default: []].append(issue) }
            if retired.contains(issue.node), TicketWorkflow.roles(for: .transferred).contains(user.role),
               TicketWorkflow.states(for: .transferred).contains(issue.state) {
                issues[.toTransfer, default: []].append(issue)
            }
        }
        for duty in issues.keys {
            issues[duty]?.sort { ($0.deadline?.millisecondsSince1970 ?? .max, $0.reportedAt) < ($1.deadline?.millisecondsSince1970 ?? .max, $1.reportedAt) }
        }
    }

    /// The issues waiting for `duty`, nearest deadline first.
    public subscript(duty: Duty) -> [TicketSummary] { issues[duty] ?? [] }

    /// Whether nothing waits.
    public var isEmpty: Bool { issues.values.allSatisfy(\.isEmpty) }

    /// What waits in `self` that did not in `before`, duty by duty: what a sync brought.
    public func news(since before: Agenda) -> [(duty: Duty, issues: [TicketSummary])] {
        Duty.allCases.compactMap { duty in
            let known = Set(before[duty].map(\.id))
            let new = self[duty].filter { !known.contains($0.id) }
            return new.isEmpty ? nil : (duty, new)
        }
    }

    private static func duties(of issue: TicketSummary, for user: UserRegistered, now: Timestamp) -> [Duty] {
        var duties: [Duty] = []
        if issue.isOverdue(at: now) {
            duties.append(.overdue)
        } else if let deadline = issue.deadline, [.assigned, .rectifying].contains(issue.state),
                  deadline.millisecondsSince1970 - now.millisecondsSince1970 <= dueSoon {
            duties.append(.dueSoon)
        }
        switch user.role {
        case .townshipStaff where issue.state == .reported: duties.append(.toAssign)
        case .supervisor where issue.state == .rectificationReported: duties.append(.toVerify)
        case .supervisor where issue.requestedDeadline != nil: duties.append(.toDecideExtension)
        case .gridOfficer where issue.reportedBy == user.name: duties.append(.myReports)
        default: break
        }
        if issue.assignee == user.name, TicketWorkflow.assignees.contains(user.role) {
            if issue.state == .assigned { duties.append(.toStart) }
            if issue.state == .rectifying { duties.append(.toReport) }
        }
        return duties
    }
}

/// The rules of the issue workflow (排查 → 交办 → 整改 → 核查 → 销号): who may take which step, from which state.
///
/// ```swift
/// let next = try TicketWorkflow.apply(.verified, step, by: .supervisor, to: ticket, at: now)
/// ```
public enum TicketWorkflow {
    /// Who may report an issue they found.
    public static let reporters: Set<Role> = [.gridOfficer]
    /// Who may record something that opens an issue by itself (a failed inspection item, a
    /// dust-fall value over the limit): the issue follows from the measurement, not a judgement.
    public static let derivedReporters: Set<Role> = [.gridOfficer, .townshipStaff, .supervisor]

    /// Who may report `report`: anyone in the field for an issue that follows from a record, else a grid officer.
    public static func mayReport(_ report: TicketReported, role: Role?) -> Bool {
        guard let role else { return false }
        return (report.origin == nil ? reporters : derivedReporters).contains(role)
    }

    /// The roles allowed to take each step.
    public static func roles(for kind: TicketStep.Kind) -> Set<Role> {
        switch kind {
        case .assigned, .rectificationStarted, .rectificationReported, .extensionRequested: [.townshipStaff]
        case .verified, .verificationFailed, .reopened, .escalated, .extensionGranted, .extensionRefused: [.supervisor]
        case .evidenceAdded: [.gridOfficer]
        case .transferred: [.townshipStaff, .supervisor]
        }
    }

    /// The states each step may start from.
    public static func states(for kind: TicketStep.Kind) -> Set<TicketState> {
        switch kind {
        case .assigned: [.reported, .assigned]
        case .rectificationStarted: [.assigned]
        case .rectificationReported: [.rectifying]
        case .verified, .verificationFailed: [.rectificationReported]
        case .reopened: [.closed]
        case .escalated: [.assigned, .rectifying]
        case .evidenceAdded: Set(TicketState.allCases)
        case .extensionRequested, .extensionGranted, .extensionRefused: [.assigned, .rectifying]
        case .transferred: [.reported, .assigned, .rectifying]
        }
    }

    /// Who may be given an issue to rectify (整改责任人): township staff or a grid officer.
    public static let assignees: Set<Role> = [.townshipStaff, .gridOfficer]

    /// Checks that `name` may be given the issue at `node` to rectify: a registered township staff
    /// member or grid officer whose scope reaches the node (落实乡镇街道属地管理责任, seed 003 §(十): each place's
    /// problems belong to its township). The fold cannot check this (it holds no directory); the
    /// client checks it before recording an assignment.
    public static func checkAssignee(_ name: String, for node: String, directory: Directory, grid: Grid) throws(TicketRuleViolation) {
        guard let user = directory.users[name] else { throw .unknownAssignee(name) }
        guard assignees.contains(user.role), GridScope(scope: user.scope, grid: grid).overlaps(node) else {
            throw .assigneeElsewhere(name, role: user.role, scope: user.scope, node: node)
        }
    }

    /// The steps that take an issue in `state` on, in the order the workflow goes (adding
    /// evidence and escalating, which can come at any time, left out): what `issue show` says is next.
    public static func nextSteps(from state: TicketState) -> [TicketStep.Kind] {
        let ahead: [TicketStep.Kind] = [.assigned, .rectificationStarted, .rectificationReported, .verified, .verificationFailed, .reopened]
        return ahead.filter { states(for: $0).contains(state) && !($0 == .assigned && state == .assigned) }
    }

    /// Checks that `ticket` may be closed out given the enterprise it follows from, if any: a
    /// scattered-polluting issue is closed out only once its enterprise is disposed of (关停取缔、
    /// 整合搬迁、升级改造 complete: seed 003 §(十), 动态清零). A rule across records, so the fold
    /// cannot apply it; the client checks it before recording a close-out.
    public static func checkCloseOut(of ticket: Ticket, enterprise: Enterprise?) throws(TicketRuleViolation) {
        guard let enterprise, enterprise.isOpen else { return }
        throw .enterpriseNotDisposed(enterprise.registration.name, enterprise.state)
    }

    /// What `issue show` says is next for `ticket`: a decision on an extension asked for, then the
    /// steps from its state.
    public static func nextSteps(of ticket: Ticket) -> [TicketStep.Kind] {
        (ticket.requestedDeadline == nil ? [] : [.extensionGranted, .extensionRefused]) + nextSteps(from: ticket.state)
    }

    /// The ticket after `step`, or why the step is not allowed.
    public static func apply(
        _ kind: TicketStep.Kind, _ step: TicketStep, by role: Role?, to ticket: Ticket, at time: Timestamp
    ) throws(TicketRuleViolation) -> Ticket {
        guard let role, roles(for: kind).contains(role) else { throw .roleNotAllowed(role, step: kind.rawValue) }
        guard states(for: kind).contains(ticket.state) else { throw .wrongState(ticket.state, step: kind.rawValue) }
        var next = ticket
        switch kind {
        case .assigned:
            guard let assignee = step.assignee, !assignee.isEmpty else { throw .missing(field: "assignee") }
            guard let deadline = step.deadline else { throw .missing(field: "deadline") }
            guard deadline > time else { throw .deadlineNotAhead(deadline) }
            (next.state, next.assignee, next.deadline, next.requestedDeadline) = (.assigned, assignee, deadline, nil)
        case .rectificationStarted:
            next.state = .rectifying
        case .rectificationReported:
            next.state = .rectificationReported
        case .verified:
            (next.state, next.closedAt) = (.closed, time)
        case .verificationFailed:
            next.state = .rectifying
        case .reopened:
            (next.state, next.closedAt, next.assignee, next.deadline, next.requestedDeadline) = (.reported, nil, nil, nil, nil)
            next.reopenCount += 1
        case .escalated:
            guard let escalation = step.escalation else { throw .missing(field: "escalation") }
            guard ticket.isOverdue(at: time) else { throw .notOverdue }
            next.escalations.append(escalation)
        case .evidenceAdded:
            guard !step.evidence.isEmpty else { throw .missing(field: "evidence") }
        case .extensionRequested:
            // 延期: a later deadline than the one in force, ahead of now, and why.
            guard let requested = step.deadline else { throw .missing(field: "deadline") }
            guard !step.note.allSatisfy(\.isWhitespace) else { throw .missing(field: "note") }
            guard requested > time, ticket.deadline.map({ requested > $0 }) ?? true else {
                throw .deadlineNotLater(requested, inForce: ticket.deadline)
            }
            guard ticket.requestedDeadline == nil else { throw .extensionPending }
            next.requestedDeadline = requested
        case .extensionGranted:
            guard let requested = ticket.requestedDeadline else { throw .noExtensionPending }
            (next.deadline, next.requestedDeadline) = (requested, nil)
            next.extensionCount += 1
        case .extensionRefused:
            guard ticket.requestedDeadline != nil else { throw .noExtensionPending }
            guard !step.note.allSatisfy(\.isWhitespace) else { throw .missing(field: "note") }
            next.requestedDeadline = nil
        case .transferred:
            // 转办: to the office that owns the place, which assigns it anew; the reason is said.
            guard let node = step.node else { throw .missing(field: "node") }
            guard !step.note.allSatisfy(\.isWhitespace) else { throw .missing(field: "note") }
            guard node != ticket.report.node else { throw .alreadyThere(node) }
            next.report.node = node
            (next.state, next.assignee, next.deadline, next.requestedDeadline) = (.reported, nil, nil, nil)
        }
        next.evidence += step.evidence
        return next
    }
}

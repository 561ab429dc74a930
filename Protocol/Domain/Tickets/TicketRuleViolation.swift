/// Why a workflow step is not allowed.
public enum TicketRuleViolation: PresentableError, Hashable, Sendable {
    /// The user's role may not take this step.
    case roleNotAllowed(Role?, step: String)
    /// The ticket is not in a state this step starts from.
    case wrongState(TicketState, step: String)
    /// An escalation before the deadline has passed.
    case notOverdue
    /// A step without a field it needs (an assignment without assignee or deadline…).
    case missing(field: String)
    /// A second report of the same ticket.
    case alreadyReported
    /// An assignment whose deadline is not after the assignment itself.
    case deadlineNotAhead(Timestamp)
    /// An assignment to a name nobody is registered under.
    case unknownAssignee(String)
    /// An assignment to someone who does not rectify there (another township, or a supervisor).
    case assigneeElsewhere(String, role: Role, scope: String, node: String)
    /// An extension asked for a deadline not later than the one in force (or not ahead of now).
    case deadlineNotLater(Timestamp, inForce: Timestamp?)
    /// An extension asked for while another request awaits a supervisor's decision.
    case extensionPending
    /// A decision on an extension nobody asked for.
    case noExtensionPending
    /// Closing out the issue of a scattered-polluting enterprise whose disposition is not complete.
    case enterpriseNotDisposed(String, EnterpriseState)
    /// A transfer to the node the issue already lies at.
    case alreadyThere(String)
}

extension TicketRuleViolation {
    /// The rule broken, as a word programs can match: `roleNotAllowed`, `wrongState`, `notOverdue`,
    /// `missing`, `alreadyReported`, `deadlineNotAhead`, `unknownAssignee`, `assigneeElsewhere`,
    /// `deadlineNotLater`, `extensionPending`, `noExtensionPending`, `enterpriseNotDisposed`, `alreadyThere`.
    public var rule: String {
        switch self {
        case .roleNotAllowed: "roleNotAllowed"
        case .wrongState: "wrongState"
        case .notOverdue: "notOverdue"
        case .missing: "missing"
        case .alreadyReported: "alreadyReported"
        case .deadlineNotAhead: "deadlineNotAhead"
        case .unknownAssignee: "unknownAssignee"
        case .assigneeElsewhere: "assigneeElsewhere"
        case .deadlineNotLater: "deadlineNotLater"
        case .extensionPending: "extensionPending"
        case .noExtensionPending: "noExtensionPending"
        case .enterpriseNotDisposed: "enterpriseNotDisposed"
        case .alreadyThere: "alreadyThere"
        }
    }
}

extension TicketRuleViolation {
    public var exitStatus: ExitStatus { .dataError }

    public func message(in language: Language) -> String {
        let say = language.say
        func step(_ raw: String) -> String { TicketStep.Kind(rawValue: raw)?.name(in: language) ?? say("上报", "report") }
        switch self {
        case .roleNotAllowed(let role, let kind):
            let who = role?.name(in: language) ?? say("未登记用户", "an unregistered user")
            return say("\(who)不能执行“\(step(kind))”：由负责此步骤的人员执行", "\(who) may not take the step '\(step(kind))': the role responsible for it does")
        case .wrongState(let state, let kind):
            return say("问题当前为“\(state.name(in: language))”，不能执行“\(step(kind))”：用 issue show 查看问题的进展",
                       "The issue is \(state.name(in: language)); '\(step(kind))' is not possible now: see its progress with issue show")
        case .notOverdue:
            return say("问题尚未逾期，不能升级督办", "The issue is not overdue, so it cannot be escalated")
        case .missing(let field):
            let name = InvalidValue.name(of: field, in: language)
            return say("缺少\(name)：请补上后再记录", "\(name) is missing: give it and record again")
        case .alreadyReported:
            return say("该问题已上报过", "The issue was already reported")
        case .deadlineNotAhead(let deadline):
            return say("期限 \(BeijingTime.format(deadline)) 不晚于交办时间：请给出今后的期限，如 --deadline \"2026-12-31 18:00\"",
                       "The deadline \(BeijingTime.format(deadline)) is not after the assignment: give one ahead, e.g. --deadline \"2026-12-31 18:00\"")
        case .unknownAssignee(let name):
            return say("没有登记名为 \(name) 的用户：交办给当地的乡镇工作人员或网格员，用其用户名（如 staff.wang）",
                       "Nobody is registered as \(name): assign to a township staff member or grid officer there, by user name (e.g. staff.wang)")
        case .assigneeElsewhere(let name, let role, let scope, let node):
            return say("\(name) 是\(role.name(in: language))，负责 \(scope)，不负责问题所在的 \(node)：交办给当地的乡镇工作人员或网格员",
                       "\(name) is \(role.name(in: language)) for \(scope), not responsible where the issue lies (\(node)): assign to township staff or a grid officer there")
        case .deadlineNotLater(let requested, let inForce):
            let current = inForce.map(BeijingTime.format) ?? "—"
            return say("申请的期限 \(BeijingTime.format(requested)) 须晚于现行期限 \(current) 且晚于现在：给出更晚的期限",
                       "The deadline asked for, \(BeijingTime.format(requested)), must be later than the one in force (\(current)) and ahead of now: ask for a later one")
        case .extensionPending:
            return say("已有一项延期申请待督导审批：等批复后再申请", "An extension request already awaits a supervisor's decision: wait for it before asking again")
        case .noExtensionPending:
            return say("该问题没有待审批的延期申请", "The issue has no extension request awaiting a decision")
        case .alreadyThere(let node):
            return say("问题已在 \(node)，无需转办：转办给问题实际所在的乡镇（街道）", "The issue already lies at \(node): transfer it to the township where it really lies")
        case .enterpriseNotDisposed(let name, let state):
            return say("散乱污企业“\(name)”仍为“\(state.name(in: language))”，处置完成前不能销号：先记录取缔、搬迁或整改的完成（lantian enterprise …）",
                       "The enterprise \(name) is still \(state.name(in: language)); its issue cannot be closed out before its disposition is complete: record the ban, relocation or upgrade first (lantian enterprise …)")
        }
    }
}

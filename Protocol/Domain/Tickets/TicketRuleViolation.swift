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
}

extension TicketRuleViolation {
    /// The rule broken, as a word programs can match: `roleNotAllowed`, `wrongState`, `notOverdue`,
    /// `missing`, `alreadyReported`.
    public var rule: String {
        switch self {
        case .roleNotAllowed: "roleNotAllowed"
        case .wrongState: "wrongState"
        case .notOverdue: "notOverdue"
        case .missing: "missing"
        case .alreadyReported: "alreadyReported"
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
        }
    }
}

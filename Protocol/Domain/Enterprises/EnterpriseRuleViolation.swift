import Foundation

/// Why an enterprise step is not allowed where it falls.
public enum EnterpriseRuleViolation: PresentableError, Hashable, Sendable, Codable {
    case wrongState(EnterpriseState, step: EnterpriseStep.Kind)
    /// The step belongs to another disposition (a closure item on an upgrade…).
    case wrongDisposition(Disposition?, step: EnterpriseStep.Kind)
    case missing(field: String)
    /// Production resumed before these departments signed off.
    case missingSignOffs([String])
    /// A department that is not on the required list.
    case unknownDepartment(String)
    /// A relocation recorded before 两断三清 at the old site (seed 004 §21): these items are not done.
    case missingClosureItems([ClosureItem])
}

extension EnterpriseRuleViolation {
    public var exitStatus: ExitStatus { .dataError }

    public func message(in language: Language) -> String {
        let say = language.say
        func name(_ disposition: Disposition?) -> String { disposition?.name(in: language) ?? say("未定", "none") }
        func field(_ field: String) -> String { InvalidValue.name(of: field, in: language) }
        switch self {
        case .wrongState(let state, let step):
            return say("企业当前为“\(state.name(in: language))”，不能\(step.name(in: language))",
                       "The enterprise is \(state.name(in: language)); '\(step.name(in: language))' is not possible now")
        case .wrongDisposition(let disposition, let step):
            return say("处置方式为“\(name(disposition))”，“\(step.name(in: language))”不适用",
                       "The disposition is \(name(disposition)); '\(step.name(in: language))' does not apply to it")
        case .missing(let name):
            return say("缺少\(field(name))：请补上后再记录", "\(field(name)) is missing: give it and record again")
        case .missingSignOffs(let departments):
            return say("以下部门尚未会审签字，不能恢复生产：\(departments.joined(separator: "、"))",
                       "These departments have not signed off, so production cannot resume: \(departments.joined(separator: ", "))")
        case .unknownDepartment(let department):
            return say("“\(department)”不在会审部门名单中：按名单中的名称填写", "'\(department)' is not on the sign-off list: use a name from the list")
        case .missingClosureItems(let items):
            return say("原址尚未完成两断三清，不能记录搬迁：先记录 \(items.map { $0.name(in: language) }.joined(separator: "、"))",
                       "The old site has not had its two cuts and three clears, so the relocation cannot be recorded: record \(items.map { $0.name(in: language) }.joined(separator: ", ")) first")
        }
    }
}

import Foundation

/// Where an enterprise's case stands.
public enum EnterpriseState: String, Codable, Hashable, Sendable {
    /// On file, no disposition yet.
    case registered
    /// A disposition is being carried out.
    case inProgress = "in-progress"
    /// Done: closed, relocated, or upgraded and resumed. On the whitelist (白名单).
    case completed
}

extension EnterpriseState {
    /// What users call it.
    public func name(in language: Language) -> String {
        switch self {
        case .registered: language.say("待处置", "awaiting disposition")
        case .inProgress: language.say("整治中", "in progress")
        case .completed: language.say("已完成（白名单）", "completed (whitelist)")
        }
    }
}

import Foundation

/// Where an enterprise's case stands.
public enum EnterpriseState: String, Codable, Hashable, Sendable {
    /// On file, no disposition yet.
    case registered
    /// A disposition is being carried out.
    case inProgress = "in-progress"
    /// Done: closed down (已取缔), relocated (已搬迁), or upgraded, signed off and resumed — only
    /// the last is on the whitelist (白名单) of enterprises allowed to operate (seed 003 §(十)).
    case completed
}

extension EnterpriseState {
    /// What users call it.
    public func name(in language: Language) -> String {
        switch self {
        case .registered: language.say("待处置", "awaiting disposition")
        case .inProgress: language.say("整治中", "in progress")
        case .completed: language.say("已完成", "completed")
        }
    }

    /// What users call an enterprise's case in this state after `disposition`: a completed case by
    /// how it ended.
    public func name(after disposition: Disposition?, in language: Language) -> String {
        guard self == .completed, let disposition else { return name(in: language) }
        switch disposition {
        case .banClose: return language.say("已取缔", "banned and closed")
        case .relocate: return language.say("已搬迁", "relocated")
        case .upgrade: return language.say("已整改（白名单）", "upgraded (whitelist)")
        }
    }
}

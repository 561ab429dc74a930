import Foundation

/// What is to become of an enterprise (分类处置).
public enum Disposition: String, Codable, Hashable, Sendable, CaseIterable {
    /// Ban and close (关停取缔): complete when the five "two cuts, three clears" are all recorded.
    case banClose = "ban-close"
    /// Consolidate and relocate into an industrial park (整合搬迁).
    case relocate
    /// Upgrade in place (升级改造): may resume only after every required department has signed off.
    case upgrade
}

extension Disposition: NamedValue {
    /// What users call it.
    public func name(in language: Language) -> String {
        switch self {
        case .banClose: language.say("关停取缔", "ban and close")
        case .relocate: language.say("整合搬迁", "relocate")
        case .upgrade: language.say("升级改造", "upgrade")
        }
    }
}

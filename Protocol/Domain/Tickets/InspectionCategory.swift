/// The kinds of problem a grid officer patrols for: the four categories, and measures an
/// enterprise on the emergency reduction list failed to take during a heavy-pollution alert.
public enum InspectionCategory: String, Codable, Hashable, Sendable, CaseIterable {
    /// Scattered-polluting enterprises (散乱污企业).
    case scatteredPolluting = "scattered-polluting"
    /// Straw burning (秸秆焚烧).
    case strawBurning = "straw-burning"
    /// Dust from construction sites, road works, stockpiles and roads (扬尘).
    case dust
    /// Dust-fall monitoring (降尘).
    case dustfall
    /// An emergency reduction measure not taken during a heavy-pollution alert (应急减排, seed 000 §21).
    case emergency
}

extension InspectionCategory: NamedValue {
    /// What users call it.
    public func name(in language: Language) -> String {
        switch self {
        case .scatteredPolluting: language.say("散乱污", "scattered-polluting")
        case .strawBurning: language.say("秸秆焚烧", "straw burning")
        case .dust: language.say("扬尘", "dust")
        case .dustfall: language.say("降尘", "dust-fall")
        case .emergency: language.say("应急减排", "emergency measures")
        }
    }
}

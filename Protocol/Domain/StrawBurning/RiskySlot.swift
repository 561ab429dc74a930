/// The four times straw is most often burnt, which patrols concentrate on (seed 003 §(九)).
public enum RiskySlot: String, Codable, Hashable, Sendable, CaseIterable {
    /// End of the working day (收工时).
    case afterWork = "after-work"
    /// The first half of the night (上半夜).
    case firstHalfOfNight = "first-half-of-night"
    /// Before rain (下雨前): only people know; never derived.
    case beforeRain = "before-rain"
    /// Before sowing (播种前): only people know; never derived.
    case beforeSowing = "before-sowing"

    /// The slot the clock alone decides, in Beijing time: 17:00–19:59 after work, 20:00–23:59 the
    /// first half of the night. `nil` otherwise: then the person reporting is asked.
    public static func derived(from time: Timestamp) -> RiskySlot? {
        let secondsOfDay = (time.millisecondsSince1970 / 1000 + Int64(BeijingTime.offsetSeconds)) % 86_400
        let hour = (secondsOfDay + 86_400) % 86_400 / 3_600
        switch hour {
        case 17..<20: return .afterWork
        case 20..<24: return .firstHalfOfNight
        default: return nil
        }
    }
}

extension RiskySlot: NamedValue {
    /// What users call it.
    public func name(in language: Language) -> String {
        switch self {
        case .afterWork: language.say("收工时", "after work")
        case .firstHalfOfNight: language.say("上半夜", "first half of the night")
        case .beforeRain: language.say("下雨前", "before rain")
        case .beforeSowing: language.say("播种前", "before sowing")
        }
    }
}

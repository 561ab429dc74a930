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

    /// Whether the clock decides the slot (after work, the first half of the night), so a patrol
    /// can be required in it; before rain and before sowing are for people to judge.
    public var isClockSlot: Bool { Self.hours(of: self) != nil }

    /// The hours of the day a clock slot covers, in Beijing time.
    static func hours(of slot: RiskySlot) -> Range<Int64>? {
        switch slot {
        case .afterWork: 17..<20
        case .firstHalfOfNight: 20..<24
        case .beforeRain, .beforeSowing: nil
        }
    }

    /// The time a clock slot covers on the Beijing day that starts at `dayStart`; `nil` for a slot
    /// the clock does not decide.
    public func window(onDayStarting dayStart: Timestamp) -> Range<Timestamp>? {
        Self.hours(of: self).map { hours in dayStart.adding(milliseconds: hours.lowerBound * 3_600_000)..<dayStart.adding(milliseconds: hours.upperBound * 3_600_000) }
    }

    /// The slot the clock alone decides, in Beijing time: 17:00–19:59 after work, 20:00–23:59 the
    /// first half of the night. `nil` otherwise: then the person reporting is asked.
    public static func derived(from time: Timestamp) -> RiskySlot? {
        let secondsOfDay = (time.millisecondsSince1970 / 1000 + Int64(BeijingTime.offsetSeconds)) % 86_400
        let hour = (secondsOfDay + 86_400) % 86_400 / 3_600
        return allCases.first { slot in hours(of: slot)?.contains(hour) ?? false }
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

/// The warning levels of heavy-pollution weather and the response each starts (黄色 Ⅲ级、橙色 Ⅱ级、
/// 红色 Ⅰ级: seed 000 §21, seed 003 §二).
public enum AlertLevel: String, Codable, Hashable, Sendable, CaseIterable, Comparable {
    case yellow, orange, red

    public static func < (lhs: AlertLevel, rhs: AlertLevel) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

extension AlertLevel: NamedValue {
    /// What users call it.
    public func name(in language: Language) -> String {
        switch self {
        case .yellow: language.say("黄色预警（Ⅲ级响应）", "yellow alert (level III response)")
        case .orange: language.say("橙色预警（Ⅱ级响应）", "orange alert (level II response)")
        case .red: language.say("红色预警（Ⅰ级响应）", "red alert (level I response)")
        }
    }
}

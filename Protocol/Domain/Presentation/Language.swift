/// The language users read: Simplified Chinese unless English is asked for.
public enum Language: String, Sendable, CaseIterable {
    case chinese = "zh"
    case english = "en"

    /// `--lang` if given (`zh`, `en`, or a locale such as `en_US.UTF-8`); otherwise the first of
    /// `LC_ALL`, `LC_MESSAGES`, `LANG` that is set; Chinese when none says English.
    public static func choose(flag: String?, environment: [String: String]) -> Language {
        let chosen = flag ?? ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        return chosen?.lowercased().hasPrefix("en") == true ? .english : .chinese
    }

    /// `chinese` or `english`, whichever this language is.
    public func say(_ chinese: String, _ english: String) -> String {
        self == .chinese ? chinese : english
    }
}

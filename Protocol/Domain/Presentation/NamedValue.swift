/// A value people name in Chinese and in English, and a command accepts by either name or by its
/// code: `--category 扬尘`, `--category dust` and `--category dust-fall`… each name one category.
///
/// ```swift
/// InspectionCategory(word: "扬尘")  // .dust
/// ```
public protocol NamedValue: CaseIterable, RawRepresentable where RawValue == String {
    /// What users call it.
    func name(in language: Language) -> String
}

extension NamedValue {
    /// The value `word` names: its code, or its Chinese or English name (case and spaces aside).
    public init?(word: String) {
        func folded(_ text: String) -> String { text.lowercased().filter { !$0.isWhitespace && $0 != "-" } }
        let wanted = folded(word)
        guard let value = Self(rawValue: word) ?? Self.allCases.first(where: { value in
            [value.rawValue, value.name(in: .chinese), value.name(in: .english)].contains { folded($0) == wanted }
        }) else { return nil }
        self = value
    }
}

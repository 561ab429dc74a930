/// One short text in both languages, for reasons that are built where the language is not yet
/// known (an import row's problem, a peer's refusal).
public struct Phrase: Hashable, Sendable, CustomStringConvertible {
    public var chinese: String
    public var english: String

    public init(_ chinese: String, _ english: String) {
        self.chinese = chinese
        self.english = english
    }

    public func text(in language: Language) -> String { language.say(chinese, english) }

    /// The English, for logs.
    public var description: String { english }
}

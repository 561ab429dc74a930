import LantianDomain

/// One unusable row of an imported file, by line number, and why.
public struct RowProblem: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var reason: Phrase

    public init(line: Int, reason: Phrase) {
        self.line = line
        self.reason = reason
    }

    public func message(in language: Language) -> String {
        language.say("第 \(line) 行：\(reason.chinese)", "line \(line): \(reason.english)")
    }

    public var description: String { message(in: .english) }
}

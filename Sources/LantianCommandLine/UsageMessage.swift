import LantianDomain

/// ArgumentParser's own messages about a command given wrong (a missing option, a value it cannot
/// read, an unknown option), in the user's language. The library writes them in English only; this
/// says the same in Chinese, line by line, and leaves a line it does not know as it is.
///
/// ```swift
/// UsageMessage.translate("Error: Missing expected argument '--to <to>'", into: .chinese)
/// // 错误：缺少 --to <to>：补上后再运行
/// ```
public enum UsageMessage {
    public static func translate(_ message: String, into language: Language) -> String {
        guard language == .chinese else { return message }
        return message.split(separator: "\n", omittingEmptySubsequences: false).map { translate(line: String($0)) }.joined(separator: "\n")
    }

    private static func translate(line: String) -> String {
        if let match = line.wholeMatch(of: /Error: Missing expected argument '(.+)'/) {
            return "错误：缺少 \(match.1)：补上后再运行"
        }
        if let match = line.wholeMatch(of: /Error: The value '(.*)' is invalid for '(.+)'\. Please provide one of (.+)\./) {
            return "错误：\(match.2) 的值“\(match.1)”无效：可用 \(list(match.3))，或其中文名称"
        }
        if let match = line.wholeMatch(of: /Error: The value '(.*)' is invalid for '(.+)'(?:: .*)?/) {
            return "错误：\(match.2) 的值“\(match.1)”无效"
        }
        if let match = line.wholeMatch(of: /Error: Missing value for '(.+)'/) {
            return "错误：\(match.1) 缺少值（负数要紧跟等号写，如 --lon=-80）"
        }
        if let match = line.wholeMatch(of: /Error: Unknown option '(.+)'\. Did you mean '(.+)'\?/) {
            return "错误：没有选项 \(match.1)，是不是 \(match.2)？"
        }
        if let match = line.wholeMatch(of: /Error: Unknown options? (.+)/) {
            return "错误：没有选项 \(list(match.1))"
        }
        if let match = line.wholeMatch(of: /Error: Unexpected arguments? (.+)/) {
            return "错误：多余的参数 \(list(match.1))"
        }
        if let match = line.wholeMatch(of: /Error: (.*)/) { return "错误：\(match.1)" }
        if let match = line.wholeMatch(of: /Help:\s+(.*)/) { return "说明：\(match.1)" }
        if let match = line.wholeMatch(of: /Usage: (.*)/) { return "用法：\(match.1)" }
        if let match = line.wholeMatch(of: /(\s*)See '(.+)' for more information\./) { return "\(match.1)详见 \(match.2)" }
        return line
    }

    /// `'a', 'b' or 'c'` → `a、b、c`.
    private static func list(_ text: Substring) -> String {
        text.replacing(" or ", with: ", ").split(separator: ", ").map { $0.trimmingCharacters(in: ["'"]) }.joined(separator: "、")
    }
}

import Foundation
import LantianDomain

/// A help screen wrapped to a terminal's width by display width (``DisplayWidth``): each long line
/// continues under where its text starts: an option's description under the description column.
///
/// ```swift
/// HelpText.wrap("  --state <state>   状态。State: reported, …", to: 60)
/// ```
public enum HelpText {
    public static func wrap(_ help: String, to columns: Int) -> String {
        // The one line of its own the library writes in English.
        let help = help.replacingOccurrences(of: "Show help information.", with: "显示帮助。Show help information.")
        return DisplayWidth.wrapLines(help, to: columns, indent: hangingIndent(of:))
    }

    /// Where the text of `line` starts: after an option's name and the run of spaces that follows
    /// it (`  --state <state>   状态…`), else after the line's own indent.
    static func hangingIndent(of line: Substring) -> Int {
        let indent = line.prefix { $0 == " " }.count
        if let gap = line.dropFirst(indent).firstRange(of: "  ") {
            let description = line[gap.upperBound...].drop { $0 == " " }
            let start = DisplayWidth.of(line[..<description.startIndex])
            if start < 40 { return start }
        }
        return indent + 2
    }
}

/// How many terminal columns text takes: 2 for East Asian wide and full-width characters (a
/// Chinese character, `，`), 0 for combining marks, 1 otherwise. A phone-sized terminal has 60.
///
/// ```swift
/// DisplayWidth.of("问题 4e41")  // 9
/// DisplayWidth.wrap("…", to: 60, indent: 4)
/// ```
public enum DisplayWidth {
    public static func of(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.reduce(0) { $0 + of($1) }
    }

    public static func of(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x0300...0x036F, 0x200B...0x200F, 0xFE00...0xFE0F: 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x20000...0x3FFFD: 2
        default: 1
        }
    }

    /// `line` in lines of at most `columns`, the lines after the first starting `indent` columns
    /// in. Breaks at a space, or between two characters of which one is wide (Chinese breaks
    /// anywhere); a word longer than a line is cut.
    public static func wrap(_ line: String, to columns: Int, indent: Int = 0) -> [String] {
        guard of(line) > columns, columns > indent + 8 else { return [line] }
        var lines: [String] = []
        var current = "", width = 0
        var lastBreak: String.Index?  // in `current`: where the line may end
        for character in line {
            let characterWidth = of(String(character))
            if width + characterWidth > columns {
                let end = lastBreak ?? current.endIndex
                lines.append(String(current[..<end]).trimmingTrailingSpaces())
                var rest = String(current[end...])
                while rest.first == " " { rest.removeFirst() }
                current = String(repeating: " ", count: indent) + rest
                width = of(current)
                lastBreak = nil
            }
            let wide = characterWidth == 2
            if character == " " || wide || current.last.map({ of(String($0)) == 2 }) == true {
                lastBreak = current.endIndex
            }
            current.append(character)
            width += characterWidth
        }
        lines.append(current.trimmingTrailingSpaces())
        return lines
    }

    /// Each line of `text` wrapped to `columns` (``wrap(_:to:indent:)``), continuing `indent(line)` columns in.
    public static func wrapLines(_ text: String, to columns: Int, indent: (Substring) -> Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            wrap(String(line), to: columns, indent: indent(line))
        }.joined(separator: "\n")
    }

    /// `text` cut to at most `columns`, ending in "…" when cut.
    public static func truncate(_ text: String, to columns: Int) -> String {
        guard of(text) > columns, columns >= 1 else { return text }
        var result = "", width = 0
        for character in text {
            let characterWidth = of(String(character))
            if width + characterWidth > columns - 1 { break }
            result.append(character)
            width += characterWidth
        }
        return result + "…"
    }
}

extension String {
    /// The text without the spaces it ends with (a table's padding, a wrapped line's break).
    public func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

import Foundation
import Testing

/// Chinese first, everywhere: every bilingual text in the code — each `say("中文", "English")` and
/// `Phrase("中文", "English")` of both applications, the shared model and the edges — is read from
/// the source itself, and its Chinese side holds no English sentence. (``ErrorMessageTests`` renders
/// every error; this also covers prose: lists, reports, prompts, help, the server's log.)
@Suite struct ChineseTextTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    /// The Chinese side of every bilingual text in the Swift files under `folders`, with where it is.
    static func chineseTexts(in folders: [String]) throws -> [(place: String, text: String)] {
        var found: [(String, String)] = []
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            guard let files = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let file as String in files where file.hasSuffix(".swift") {
                // Comments are not shown to anyone.
                let source = try String(contentsOf: base.appendingPathComponent(file), encoding: .utf8)
                    .split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
                for text in BilingualLiterals.chineseSides(in: source) { found.append(("\(folder)/\(file)", text)) }
            }
        }
        return found
    }

    @Test func everyChineseTextIsFreeOfEnglishSentences() throws {
        let texts = try Self.chineseTexts(in: ["Protocol", "Sources", "Client", "Server"])
        #expect(texts.count > 500)
        for (place, text) in texts {
            if let sentence = ErrorMessageTests.englishSentence(in: text) {
                Issue.record("\(place): “\(text)” has English: \(sentence)")
            }
        }
    }

    @Test func theReaderFindsTheChineseSideWithInterpolationsTakenOut() {
        let source = #"""
            let a = say("已保存 \(count(of: "x")) 条", "saved \(n)")
            let b = language.say("服务器拒收", "refused")
            let c = Phrase("监测点 \(code) 尚未登记", "station \(code) is not registered")
            """#
        #expect(BilingualLiterals.chineseSides(in: source) == ["已保存 … 条", "服务器拒收", "监测点 … 尚未登记"])
        #expect(BilingualLiterals.chineseSides(in: #"say("记录失败：the store is damaged", "x")"#).map(ErrorMessageTests.englishSentence) == ["the store is damaged"])
    }
}

/// Reads Swift source for the first string literal of each `say(` and `Phrase(` call.
enum BilingualLiterals {
    static func chineseSides(in source: String) -> [String] {
        let characters = Array(source)
        var texts: [String] = []
        var index = 0
        while index < characters.count {
            if let after = opening(characters, at: index), after < characters.count, characters[after] == "\"" {
                if let (text, end) = literal(characters, from: after) {
                    texts.append(text)
                    index = end
                    continue
                }
            }
            index += 1
        }
        return texts
    }

    /// The index after `say(` or `Phrase(` starting at `index`, if one starts there (not part of a longer name).
    private static func opening(_ characters: [Character], at index: Int) -> Int? {
        for name in ["say(", "Phrase("] {
            let word = Array(name)
            guard index + word.count <= characters.count, Array(characters[index..<index + word.count]) == word else { continue }
            if index > 0, characters[index - 1].isLetter || characters[index - 1].isNumber || characters[index - 1] == "_" { continue }
            return index + word.count
        }
        return nil
    }

    /// A one-line string literal starting at the quote `start`, its interpolations replaced by "…";
    /// and the index after its closing quote. Multi-line literals (`"""`) are left out.
    private static func literal(_ characters: [Character], from start: Int) -> (String, Int)? {
        guard start + 2 >= characters.count || String(characters[start..<start + 3]) != "\"\"\"" else { return nil }
        var text = "", index = start + 1
        while index < characters.count {
            let character = characters[index]
            if character == "\"" { return (text, index + 1) }
            if character == "\n" { return nil }
            if character == "\\", index + 1 < characters.count {
                if characters[index + 1] == "(" {
                    index = skipInterpolation(characters, from: index + 2)
                    text += "…"
                    continue
                }
                text.append(characters[index + 1])
                index += 2
                continue
            }
            text.append(character)
            index += 1
        }
        return nil
    }

    /// The index after the `)` that closes an interpolation whose contents start at `index`,
    /// stepping over nested parentheses and string literals.
    private static func skipInterpolation(_ characters: [Character], from index: Int) -> Int {
        var depth = 1, index = index, inString = false
        while index < characters.count {
            let character = characters[index]
            if inString {
                if character == "\\" { index += 2; continue }
                if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if character == "(" {
                depth += 1
            } else if character == ")" {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        return index
    }
}

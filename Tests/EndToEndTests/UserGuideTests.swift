import Foundation
import Testing

/// The user guides (docs/) stay in step with the commands: every `lantian` and `lantiand` line in
/// their examples names a command that exists, with options it takes.
@Suite struct UserGuideTests {
    static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs").standardized

    /// Every command line in the guides' code blocks, continuation lines joined, comments dropped.
    static func commandLines() throws -> [(guide: String, words: [String])] {
        let guides = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }.sorted()
        var lines: [(String, [String])] = []
        for guide in guides {
            var inCode = false, pending = ""
            for line in try String(contentsOf: docs.appendingPathComponent(guide), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix("```") { inCode.toggle(); continue }
                guard inCode else { continue }
                var text = pending + String(line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                if text.hasSuffix("\\") { text.removeLast(); pending = text; continue }
                pending = ""
                let words = text.split(separator: " ").map(String.init)
                if let first = words.first, first == "lantian" || first == "lantiand" { lines.append((guide, words)) }
            }
        }
        return lines
    }

    @Test func everyCommandInTheGuidesExistsWithItsOptions() throws {
        let lines = try Self.commandLines()
        #expect(lines.count > 30)
        var helps: [[String]: String?] = [:]
        /// The help of the command `path` names, or nil when it names none.
        func help(_ path: [String]) throws -> String? {
            if let known = helps[path] { return known }
            let result = try run(path[0], Array(path.dropFirst()) + ["--help"])
            let usage = "USAGE: " + path.joined(separator: " ")
            let text = result.status == 0 && result.output.contains(usage) ? result.output : nil
            helps[path] = .some(text)
            return text
        }
        for (guide, words) in lines {
            var path = [words[0]]
            for word in words.dropFirst() where !word.hasPrefix("-") {
                guard try help(path + [word]) != nil else { break }
                path.append(word)
            }
            let text = try help(path) ?? ""
            // `lantian` alone is the home screen.
            #expect(path.count > 1 || words == ["lantian"], "\(guide): \(words.joined(separator: " ")) names no command")
            for option in words where option.hasPrefix("--") {
                let name = String(option.split(separator: "=").first ?? "")
                #expect(text.contains(name), "\(guide): \(path.joined(separator: " ")) takes no \(name)")
            }
        }
    }
}

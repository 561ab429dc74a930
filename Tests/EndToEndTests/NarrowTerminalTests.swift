import Foundation
import LantianDomain
import LantianStore
import Testing

/// Finding 6 of the field-client review: in a 60-column terminal help wrapped mid-word, issue rows
/// took two lines and quarantine rows three, and lists showed grid codes where people read names.
/// The real binary in a pseudo-terminal of 60 columns (script(1), `stty cols 60`), its screen read.
@Suite struct NarrowTerminalTests {
    /// What a 60-column terminal shows of `command` (a `lantian` command line), control sequences removed.
    static func screen(_ command: String) throws -> [String] {
        let result = try run(path: "/usr/bin/script", ["-qec", "stty cols 60 rows 30; \(try Binaries.path("lantian")) \(command)", "/dev/null"])
        let text = result.output.replacing(/\u{1B}\[[0-9;]*[A-Za-z]/, with: "").replacingOccurrences(of: "\r", with: "")
        return text.split(separator: "\n").map(String.init)
    }

    @Test func listsHelpAndRefusalsFitSixtyColumns() throws {
        let town = try Town()
        for title in ["北关村东侧麦田焚烧秸秆，火势较大，已通知村委会到场处置", "安置房工地东侧土堆裸露未覆盖"] {
            try town.officer.expectSuccess(["issue", "report", "--category", "dust", "--title", title])
        }
        // A record the server refuses, with its long reason.
        let store = try EventStore(path: town.officer.store)
        _ = try store.record(try EventDraft(subject: UUID(), payload: TicketReported(category: .dust, node: "371500", title: "全市扬尘")),
                             device: try #require(try store.localDevice()), now: .now())
        try town.syncAll()

        for command in ["issue list --db \(town.officer.store)", "issue list --all --db \(town.supervisor.store)",
                        "quarantine --db \(town.officer.store)", "issue assign --help", "fire report --help"] {
            let lines = try Self.screen(command)
            #expect(lines.count > 2, "\(command)")
            for line in lines { #expect(DisplayWidth.of(line) <= 60, "\(command): \(line)") }
        }
        let supervisorList = try Self.screen("issue list --all --db \(town.supervisor.store)")
        // One line an issue, titles cut rather than wrapped, no grid codes.
        #expect(supervisorList.filter { $0.contains("北关村东侧") }.count == 1)
        #expect(supervisorList.contains { $0.hasSuffix("…") })
        #expect(!supervisorList.joined().contains(Town.cell))
        // An issue shown names its place, with the code.
        let id = town.supervisor.shortID(try #require(try town.supervisor.issues().first))
        #expect(try town.supervisor.expectSuccess(["issue", "show", id]).contains("地点 北关村（\(Town.cell)）"))
        // The refusal's reason is wrapped under its column, all of it there.
        let quarantine = try Self.screen("quarantine --db \(town.officer.store)").joined()
        #expect(quarantine.replacingOccurrences(of: " ", with: "").contains("不在officer.zhang的负责范围371502001001内"))
        // Help breaks between words, not inside them.
        let help = try Self.screen("issue assign --help").joined(separator: " ")
        #expect(help.contains("Language, zh or en;") || help.contains("Language, zh or") && help.contains("en;"))
        #expect(!help.contains("Langu age"))
    }
}

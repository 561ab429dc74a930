import Foundation
import Testing

/// At a terminal, a missing field is asked for; in a script, it is an error that names it.
@Suite struct PromptTests {
    @Test func aPersonAtTheTerminalIsAskedForWhatIsMissing() throws {
        let officer = try FieldDevice(user: "officer.zhang", server: "127.0.0.1:1", folder: try temporaryFolder())
        let command = "\(try Binaries.path("lantian")) fire report --db \(officer.store) --at '2026-06-01 10:00' --note 雨前"
        // script(1) gives the command a real terminal; the answers are typed into it.
        let result = try run(path: "/usr/bin/script", ["-qec", command, "/dev/null"], input: "36.45\n115.98\n1\n")
        #expect(result.status == 0)
        #expect(result.output.contains("纬度（WGS 84"))
        #expect(result.output.contains("是否下雨前或播种前"))
        let recorded = try officer.json([FirePointSlotJSON].self, ["fire", "list", "--all"])
        #expect(recorded.map(\.riskySlot) == ["before-rain"])
        #expect(recorded.map(\.latitude) == [36.45])
    }

    @Test func aScriptMissingAFieldIsToldWhichAndNothingIsWritten() throws {
        let officer = try FieldDevice(user: "officer.zhang", server: "127.0.0.1:1", folder: try temporaryFolder())
        let result = try officer.lantian(["fire", "report", "--lon", "115.98"])
        #expect(result.status == 65)
        #expect(result.errors.contains("纬度不能为空"))
        #expect(try officer.status().events == 0)
    }

    @Test func aTimeTheClockDecidesIsNotAskedAbout() throws {
        let officer = try FieldDevice(user: "officer.zhang", server: "127.0.0.1:1", folder: try temporaryFolder())
        let command = "\(try Binaries.path("lantian")) fire report --db \(officer.store) --lat 36.45 --lon 115.98 --at '2026-06-01 21:00'"
        let result = try run(path: "/usr/bin/script", ["-qec", command, "/dev/null"], input: "")
        #expect(result.status == 0)
        #expect(!result.output.contains("是否下雨前"))
        #expect(try officer.json([FirePointSlotJSON].self, ["fire", "list", "--all"]).map(\.riskySlot) == ["first-half-of-night"])
    }
}

struct FirePointSlotJSON: Decodable {
    var latitude: Double
    var riskySlot: String?
}

@Suite struct InspectionPromptTests {
    @Test func anInspectionAtTheTerminalGoesThroughTheChecklistItemByItem() throws {
        let town = try Town()
        try town.officer.expectSuccess(["dust", "site", "--name", "工地", "--kind", "construction", "--area", "6000", "--node", Town.cell])
        let site = try #require(try town.officer.json([SiteIDJSON].self, ["dust", "sites"]).first).id
        let command = "\(try Binaries.path("lantian")) dust inspect \(site.suffix(8)) --db \(town.officer.store)"
        // fencing y, covering n, wet work (Enter: passed), hardened roads y, vehicle washing n, sealed transport y
        let result = try run(path: "/usr/bin/script", ["-qec", command, "/dev/null"], input: "y\nn\n\ny\nn\ny\n")
        #expect(result.status == 0)
        #expect(result.output.contains("周边围挡 达标吗"))
        #expect(try town.officer.json([SiteJSON].self, ["dust", "sites"]).map(\.lastFailedItems) == [["covering", "vehicle-washing"]])
        #expect(try town.officer.issues().count == 2)

        let scripted = try town.officer.lantian(["dust", "inspect", String(site.suffix(8))])
        #expect(scripted.status == 65)
        #expect(scripted.errors.contains("用 --failed 列出不达标项，或 --all-passed"))
        #expect(try town.officer.expectSuccess(["dust", "inspect", String(site.suffix(8)), "--all-passed"]).contains("检查全部达标"))
        #expect(town.server.stop() == 0)
    }
}

struct SiteIDJSON: Decodable { var id: String }

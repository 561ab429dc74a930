import Foundation
import Testing

/// Bulk imports on the real binaries: idempotent, every unusable line named, the rest imported.
@Suite struct ImportEndToEndTests {
    static let readings = """
        station,jar,sampleGrams,blankGrams,openingSquareMetres,start,end,invalid
        GL-01,A,0.1600,0.0050,0.0200,2026-10-01,2026-11-01,
        GL-01,B,0.2850,0.0050,0.0250,2026-10-01,2026-10-29,
        GL-02,A,0.2850,0.0050,0.0250,2026-10-01,2026-10-29,
        GL-03,A,0.2000,0.0100,0.0200,2026-10-01,2026-10-31,
        GL-04,A,abc,0.0100,0.0200,2026-10-01,2026-10-31,
        """

    @Test func aMonthOfDustfallReadingsImportsOnceAndCorrectionsAreRecorded() throws {
        let town = try Town()
        for (code, name) in [("GL-01", "古楼站"), ("GL-02", "柳园站")] {
            try town.supervisor.expectSuccess(["dustfall", "station", "--code", code, "--name", name, "--node", Town.township])
        }
        let file = town.folder.appendingPathComponent("2026-10.csv").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data(Self.readings.utf8)))

        let first = try town.supervisor.expectSuccess(["import", "dustfall", file])
        #expect(first.contains("新增 2 条，更正 0 条，已导入过 0 条；超限上报问题 1 个"))
        #expect(first.contains("第 5 行：监测点 GL-03 尚未登记"))
        #expect(first.contains("第 6 行：sampleGrams 必须是数字"))
        let values = try town.supervisor.json([DustfallJSON].self, ["dustfall", "list"])
        #expect(values.map(\.dustfall) == [7.5, 12.0])  // GL-01 from jar A, never the average with B
        #expect(try town.supervisor.issues(["--category", "dustfall"]).count == 1)

        #expect(try town.supervisor.expectSuccess(["import", "dustfall", file]).contains("新增 0 条，更正 0 条，已导入过 2 条"))
        #expect(try town.supervisor.issues(["--category", "dustfall"]).count == 1)

        let corrected = Self.readings.replacingOccurrences(of: "GL-01,A,0.1600", with: "GL-01,A,0.1910")
        #expect(FileManager.default.createFile(atPath: file, contents: Data(corrected.utf8)))
        #expect(try town.supervisor.expectSuccess(["import", "dustfall", file]).contains("新增 0 条，更正 1 条，已导入过 1 条"))
        #expect(try town.supervisor.json([DustfallJSON].self, ["dustfall", "list"]).map(\.dustfall) == [9.0, 12.0])

        let officer = try town.officer.lantian(["import", "dustfall", file])
        #expect(officer.status == 65)
        #expect(town.server.stop() == 0)
    }

    /// A file that is neither GBK nor UTF-8 is refused with the line and byte, nothing imported.
    /// (A GBK file imports as the Chinese it was: the grid test below.)
    @Test func aFileThatIsNotTextIsRefusedWhereItBreaks() throws {
        let town = try Town()
        try town.supervisor.expectSuccess(["dustfall", "station", "--code", "GL-01", "--name", "古楼站", "--node", Town.township])
        let broken = town.folder.appendingPathComponent("broken.csv").path
        let readings = Array(Self.readings.split(separator: "\n").prefix(2).joined(separator: "\n").utf8) + [0x0A, 0xFF, 0xFE, 0x0A]
        #expect(FileManager.default.createFile(atPath: broken, contents: Data(readings)))
        let refused = try town.supervisor.lantian(["import", "dustfall", broken])
        #expect(refused.status == 65 && refused.errors.contains("第 3 行"))
        #expect(try town.supervisor.json([DustfallJSON].self, ["dustfall", "list"]).isEmpty)
    }

    @Test func aGridIsImportedOnceAndTheSatelliteLeadsLandInTheirCounties() throws {
        let folder = try temporaryFolder()
        let database = folder.appendingPathComponent("server.sqlite").path
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures").standardized
        let grid = ["grid", "import", "--db", database, "--city", "371500:聊城市",
                    "--counties", fixtures.appendingPathComponent("liaocheng/counties.geojson").path,
                    "--townships", fixtures.appendingPathComponent("liaocheng/townships.csv").path,
                    "--cells", fixtures.appendingPathComponent("liaocheng/cells.csv").path, "--datum", "gcj02"]
        #expect(try run("lantiand", grid).output.contains("新定义或更名 553 个，未变 0 个"))
        #expect(try run("lantiand", grid).output.contains("新定义或更名 0 个，未变 553 个"))
        // A changed file records exactly what changed: one township renamed, one cell added.
        let townships = folder.appendingPathComponent("townships.csv")
        let cells = folder.appendingPathComponent("cells.csv")
        try String(contentsOf: fixtures.appendingPathComponent("liaocheng/townships.csv"), encoding: .utf8)
            .replacingOccurrences(of: "371502001,\"古楼街道\"", with: "371502001,\"古楼街道办事处\"").write(to: townships, atomically: true, encoding: .utf8)
        try (String(contentsOf: fixtures.appendingPathComponent("liaocheng/cells.csv"), encoding: .utf8) + "371502001004,古楼街道第四网格,371502001\n")
            .write(to: cells, atomically: true, encoding: .utf8)
        var changed = grid
        changed[changed.firstIndex(of: "--townships")! + 1] = townships.path
        changed[changed.firstIndex(of: "--cells")! + 1] = cells.path
        #expect(try run("lantiand", changed).output.contains("新定义或更名 2 个，未变 552 个"))
        #expect(try run("lantiand", ["grid", "list", "--db", database]).output.contains("371502001 古楼街道办事处"))
        // Saved by Excel on a Chinese Windows machine, the cells file is GBK: it reads as the Chinese it was.
        var fromExcel = changed
        fromExcel[fromExcel.firstIndex(of: "--cells")! + 1] = fixtures.appendingPathComponent("gbk/cells-gbk.csv").path
        // That file no longer holds the fourth cell: it is retired, kept for its records, closed to new ones.
        let excelImport = try run("lantiand", fromExcel).output
        #expect(excelImport.contains("新定义或更名 1 个") && excelImport.contains("文件中已没有的 1 个撤销（371502001004）"))
        #expect(try run("lantiand", ["grid", "list", "--db", database]).output.contains("371502001005 古楼街道第五网格"))

        let wrongDatum = try run("lantiand", Array(grid.dropLast(2)))
        #expect(wrongDatum.status != 0 && wrongDatum.errors.contains("--datum"))
        #expect(try run("lantiand", ["user", "add", "supervisor.zhao", "--role", "supervisor", "--scope", "371500", "--db", database]).status == 0)

        let lantiand = try ServerProcess(database: database, port: try freePort(), folder: folder)
        let supervisor = try FieldDevice(user: "supervisor.zhao", server: lantiand.address, folder: folder)
        try supervisor.expectSuccess(["sync"])
        let firms = fixtures.appendingPathComponent("firms-modis-c61-nrt-2022-05-28-to-06-03-north-china.csv").path
        let imported = try supervisor.expectSuccess(["import", "firms", firms, "--min-confidence", "0", "--max-age", "0"])  // 2022's harvest
        #expect(imported.contains("新增 22 个"))
        let again = try supervisor.expectSuccess(["import", "firms", firms, "--min-confidence", "0", "--max-age", "0"])
        #expect(again.contains("新增 0 个") && again.contains("已导入过 22"))
        // A lead names its place, its pass and where exactly, and links to its fire point both ways.
        let lead = try #require(try supervisor.issues().first)
        #expect(lead.title.hasPrefix("卫星火点：") && lead.title.contains("（3"))
        let shown = try supervisor.expectSuccess(["issue", "show", supervisor.shortID(lead)])
        let fire = try #require(shown.firstMatch(of: /源自火点 ([0-9a-f]{8})/)).output.1
        #expect(shown.contains("置信度") && shown.contains("位置"))
        #expect(try supervisor.expectSuccess(["fire", "show", String(fire)]).contains("由此而来的问题：\(supervisor.shortID(lead))（已上报）"))
        let inRetired = try supervisor.lantian(["fire", "report", "--node", "371502001004", "--lat", "36.50606", "--lon", "115.92845",
                                                "--at", "2026-06-01 19:30", "--note", "撤销网格内"])
        #expect(inRetired.status == 65 && inRetired.errors.contains("网格 371502001004 已撤销"))
        let notFIRMS = try supervisor.lantian(["import", "firms", fixtures.appendingPathComponent("liaocheng/townships.csv").path])
        #expect(notFIRMS.status == 65)
        #expect(notFIRMS.errors.contains("不是所需格式（NASA FIRMS 火点 CSV（MODIS 或 VIIRS））：缺少“latitude”列，未导入任何数据"))
        try supervisor.expectSuccess(["sync"])
        #expect(lantiand.stop() == 0)
    }
}

import Foundation
import LantianTestSupport
import Testing

/// Referral (移交) on the real binaries: what is found outside the finder's scope goes to the
/// office where it lies, which owns it; the finder keeps seeing it and what becomes of it.
@Suite struct ReferralTests {
    /// An officer sees a fire across the county line: it reaches that county's township staff, who
    /// assign it; the assignment returns to the officer, who cannot act on it.
    @Test func aFireSeenAcrossTheCountyLineReachesThatCountyAndItsOutcomeReturnsToTheOfficer() throws {
        let town = try Town()
        let database = town.server.database
        for arguments in [["371521", "阳谷县", "--level", "county", "--parent", "371500"],
                          ["371521001", "阳谷镇", "--level", "township", "--parent", "371521"],
                          ["371521001001", "城关村", "--level", "cell", "--parent", "371521001"]] {
            try TestGrid.lantiand(["grid", "add"] + arguments + ["--db", database])
        }
        let yanggu = try FieldDevice(user: "staff.yanggu", server: town.server.address, folder: town.folder)
        try TestGrid.lantiand(["user", "add", "staff.yanggu", "--role", "township-staff", "--scope", "371521001", "--db", database])
        try town.officer.expectSuccess(["sync"])

        let recorded = try town.officer.expectSuccess(["fire", "report", "--node", "371521001001", "--lat", "36.1533", "--lon", "115.8595",
                                                       "--at", "2026-06-01 19:30", "--note", "对岸麦茬冒烟"])
        #expect(recorded.contains("已移交 371521001001"))
        try town.officer.expectSuccess(["sync"])
        #expect(try town.officer.status().quarantined == 0)

        try yanggu.expectSuccess(["sync"])
        let lead = try #require(try yanggu.issues().first)
        #expect(lead.category == "straw-burning")
        try yanggu.expectSuccess(["issue", "assign", yanggu.shortID(lead), "--to", "staff.yanggu", "--deadline", "2030-01-01 18:00"])
        try yanggu.expectSuccess(["sync"])

        try town.officer.expectSuccess(["sync"])
        #expect(try town.officer.issues().isEmpty)  // not in the officer's own queue
        #expect(try town.officer.issues(["--mine"]).map(\.state) == ["assigned"])
        let evidence = try town.officer.lantian(["issue", "evidence", town.officer.shortID(lead), "--photo", "/dev/null"])
        #expect(evidence.status == 65)
        // Nobody else of the first county hears of it.
        try town.staff.expectSuccess(["sync"])
        #expect(try town.staff.issues().isEmpty && town.staff.issues(["--mine"]).isEmpty)
    }

    /// A county supervisor's FIRMS import spanning six counties: their own county's points are theirs,
    /// each other point is referred to its county, whose supervisor gets exactly those.
    @Test func aFIRMSImportSpanningSeveralCountiesRefersEachPointToItsCounty() throws {
        let folder = try temporaryFolder()
        let database = folder.appendingPathComponent("server.sqlite").path
        let fixtures = TestGrid.fixtures
        try TestGrid.importLiaocheng(into: database)
        let lantiand = try ServerProcess(database: database, port: try freePort(), folder: folder)
        let dongchangfu = try FieldDevice(user: "supervisor.dongchangfu", server: lantiand.address, folder: folder)
        let yanggu = try FieldDevice(user: "supervisor.yanggu", server: lantiand.address, folder: folder)
        let guanxian = try FieldDevice(user: "supervisor.guanxian", server: lantiand.address, folder: folder)
        // Enrolling registered each with the test county; each answers for their own.
        for (user, county) in [("supervisor.dongchangfu", "371502"), ("supervisor.yanggu", "371521"), ("supervisor.guanxian", "371525")] {
            try TestGrid.lantiand(["user", "add", user, "--role", "supervisor", "--scope", county, "--db", database])
        }
        for device in [dongchangfu, yanggu, guanxian] { try device.expectSuccess(["sync"]) }

        // Counts per county from Fixtures/firms-liaocheng-counts.py: 东昌府区 11, 阳谷县 3, 冠县 3, 临清市 3, 茌平区 1, 莘县 1.
        let firms = fixtures.appendingPathComponent("firms-modis-c61-nrt-2022-05-28-to-06-03-north-china.csv").path
        let imported = try dongchangfu.expectSuccess(["import", "firms", firms, "--min-confidence", "0", "--max-age", "0"])  // 2022's harvest
        #expect(imported.contains("新增 22 个") && imported.contains("其中移交外县区 11 个"))
        try dongchangfu.expectSuccess(["sync"])
        #expect(try dongchangfu.status().quarantined == 0)
        #expect(try dongchangfu.issues().count == 11)             // their own county's queue
        #expect(try dongchangfu.issues(["--mine"]).count == 22)   // and what they referred
        for (device, count) in [(yanggu, 3), (guanxian, 3)] {
            try device.expectSuccess(["sync"])
            let listed = try device.expectSuccess(["issue", "list", "--all"])
            #expect(try device.issues().count == count, "\(listed)")
            #expect(try device.expectSuccess(["fire", "list", "--all"]).contains("卫星"))
        }
        // The provincial list as offices circulate it (.xlsx): its county column is checked
        // against where each point falls; the disagreeing row is named and left out.
        let workbook = fixtures.appendingPathComponent("provincial/fire-list-2022-05.xlsx").path
        let listed = try dongchangfu.expectSuccess(["import", "fire-list", workbook, "--max-age", "0"])
        #expect(listed.contains("省级火点通报") && listed.contains("新增 3 个") && listed.contains("其中移交外县区 2 个"))
        #expect(listed.contains("第 4 行：县“冠县”与位置") && listed.contains("所在的莘县不符"))
        #expect(try dongchangfu.expectSuccess(["import", "fire-list", workbook, "--max-age", "0"]).contains("已导入过 3"))
        #expect(lantiand.stop() == 0)
    }
}

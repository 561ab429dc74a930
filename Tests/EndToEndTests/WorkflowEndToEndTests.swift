import Foundation
import Testing

/// One issue of each category, from report to close-out, across three users' devices syncing
/// through a real server: the heart of Lantian, on the real binaries.
@Suite struct WorkflowEndToEndTests {
    @Test func oneIssueOfEachCategoryGoesFromReportToCloseOut() throws {
        let town = try Town()
        let (officer, staff, supervisor) = (town.officer, town.staff, town.supervisor)

        // Straw burning: a fire point opens an issue.
        try officer.reportFire(note: "北关村麦田焚烧")
        // Scattered-polluting: a newly found enterprise opens an issue.
        try officer.expectSuccess(["enterprise", "register", "--name", "北关村塑料颗粒加工点", "--industry", "塑料", "--lead", "electricity-data"])
        // Dust: an inspection with two failed items opens two issues.
        try officer.expectSuccess(["dust", "site", "--name", "北关村安置房工地", "--kind", "construction", "--area", "8000", "--node", Town.cell])
        let site = try #require(officer.expectSuccess(["dust", "sites"]).split(separator: "\n").dropFirst(2).first?.prefix(8))
        #expect(try officer.expectSuccess(["dust", "inspect", String(site), "--failed", "covering", "vehicle-washing"]).contains("2 项不达标"))
        // Dust-fall: a reading over the limit opens an issue (12.00 > 9).
        try supervisor.expectSuccess(["dustfall", "station", "--code", "GL-01", "--name", "古楼站", "--node", Town.township])
        #expect(try supervisor.expectSuccess(["dustfall", "record", "--station", "GL-01", "--month", "2026-10",
                                              "--a", "0.2850,0.0050,0.0250,28"]).contains("超过限值"))
        try town.syncAll()

        let reported = try staff.issues()
        #expect(reported.map(\.category).sorted() == ["dust", "dust", "dustfall", "scattered-polluting", "straw-burning"])
        #expect(reported.allSatisfy { $0.state == "reported" })

        for issue in reported {
            try staff.expectSuccess(["issue", "assign", staff.shortID(issue), "--to", "staff.wang", "--deadline", "2030-01-01 18:00"])
            try staff.expectSuccess(["issue", "start", staff.shortID(issue)])
            try staff.expectSuccess(["issue", "rectified", staff.shortID(issue), "--note", "已整改"])
        }
        try town.syncAll()
        #expect(try supervisor.issues().allSatisfy { $0.state == "rectification-reported" })

        // The enterprise's issue cannot be closed out while its disposition is incomplete.
        let enterpriseIssue = try #require(try supervisor.issues().first { $0.category == "scattered-polluting" })
        let early = try supervisor.lantian(["issue", "verify", supervisor.shortID(enterpriseIssue), "--note", "核查合格"])
        #expect(early.status == 65 && early.errors.contains("处置完成前不能销号"))
        let enterprise = try #require(try staff.json([EnterpriseJSON].self, ["enterprise", "list"]).first).id.suffix(8)
        try staff.expectSuccess(["enterprise", "dispose", String(enterprise), "--as", "ban-close"])
        for item in ["water-cut", "power-cut", "raw-materials-cleared", "products-cleared", "equipment-cleared"] {
            try staff.expectSuccess(["enterprise", "closure", String(enterprise), "--item", item])
        }
        try town.syncAll()

        for issue in try supervisor.issues() { try supervisor.expectSuccess(["issue", "verify", supervisor.shortID(issue), "--note", "核查合格"]) }
        try town.syncAll()

        for device in [officer, staff, supervisor] {
            let closed = try device.issues()
            #expect(closed.count == 5)
            #expect(closed.allSatisfy { $0.state == "closed" && $0.conflicts.isEmpty })
        }
        #expect(try officer.issues(["--state", "closed"]).count == 5)
        let readings = try officer.json([DustfallJSON].self, ["dustfall", "list"])
        #expect(readings.map(\.dustfall) == [12.0] && readings.map(\.overLimit) == [true] && readings.map(\.jar) == ["A"])
        #expect(try officer.json([SiteJSON].self, ["dust", "sites"]).map(\.lastFailedItems) == [["covering", "vehicle-washing"]])
        #expect(try officer.json([EnterpriseJSON].self, ["enterprise", "list"]).map(\.state) == ["completed"])
        #expect(try officer.expectSuccess(["enterprise", "list"]).contains("已取缔"))

        // The supervisor reviews and exports what they have synced.
        let exports = town.folder.appendingPathComponent("exports")
        try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: true)
        let review = try supervisor.expectSuccess([
            "review", "issues", "--csv", exports.appendingPathComponent("issues.csv").path,
            "--geojson", exports.appendingPathComponent("issues.geojson").path, "--open311", exports.appendingPathComponent("open311.json").path,
        ])
        #expect(review.contains("北关村") || review.contains("古楼街道"))
        let csv = try Data(contentsOf: exports.appendingPathComponent("issues.csv"))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: csv, as: UTF8.self).split(separator: "\n").count == 6)  // header + 5 issues
        let open311 = try JSONSerialization.jsonObject(with: Data(contentsOf: exports.appendingPathComponent("open311.json"))) as? [[String: Any]]
        #expect(open311?.compactMap { $0["status"] as? String } == Array(repeating: "closed", count: 5))
        #expect(try supervisor.expectSuccess(["review", "sites"]).contains("应检 1 处，已检 1 处"))
        let ledger = try supervisor.expectSuccess(["review", "ledger"])
        #expect(ledger.contains("古楼街道") && ledger.contains("散乱污企业台账"))
        #expect(try supervisor.expectSuccess(["review", "fires", "--month", "2026-06"]).contains("古楼街道"))
        let notice = try supervisor.expectSuccess(["notice", "--county", "371502"])
        for phrase in ["东昌府区大气污染防治网格化监管", "一、总体情况", "本月新发现问题 5 个，销号 5 个", "本月不作排名", "七、逾期问题"] {  // one township: nothing to rank
            #expect(notice.contains(phrase), "the notice lacks \(phrase)")
        }
        #expect(try supervisor.lantian(["notice", "--county", "371502", "--lang", "en"]).output.contains("1. Overview"))
        #expect(try supervisor.lantian(["notice", "--county", "999"]).status == 65)

        // Any list can also be written as CSV, and located things as GeoJSON.
        let firesCSV = exports.appendingPathComponent("fires.csv"), firesMap = exports.appendingPathComponent("fires.geojson")
        try supervisor.expectSuccess(["fire", "list", "--all", "--csv", firesCSV.path, "--geojson", firesMap.path])
        #expect(Array(try Data(contentsOf: firesCSV).prefix(3)) == [0xEF, 0xBB, 0xBF])
        let map = try JSONSerialization.jsonObject(with: Data(contentsOf: firesMap)) as? [String: Any]
        #expect((map?["features"] as? [Any])?.count == 1)
        // Finding 5 of the field-client review: CSV headers and values were English camelCase.
        // For people they are Chinese, columns in the record's order; with --lang en, keys and codes.
        let lists = [["issue", "list", "--all"], ["fire", "list", "--all"], ["enterprise", "list"], ["dust", "sites"], ["dustfall", "list"],
                     ["review", "issues"], ["review", "ledger"], ["review", "sites"], ["review", "fires", "--month", "2026-06"]]
        for list in lists {
            let file = exports.appendingPathComponent("\(list.joined(separator: "-")).csv")
            try supervisor.expectSuccess(list + ["--csv", file.path])
            let lines = String(decoding: try Data(contentsOf: file), as: UTF8.self).split(separator: "\n")
            #expect(lines.count >= 2, "\(list) exported no rows")
            #expect(lines.first.map { $0.dropFirst().allSatisfy { !$0.isASCII || !$0.isLetter } } == true, "\(list): \(lines.first ?? "")")
        }
        let issuesCSV = String(decoding: try Data(contentsOf: exports.appendingPathComponent("issue-list---all.csv")), as: UTF8.self)
        #expect(issuesCSV.dropFirst().hasPrefix("编号,类别,网格编码,地点,标题,状态,已逾期") && issuesCSV.contains(",已销号,否,"), "\(issuesCSV.prefix(300))")
        // review issues --csv writes the same columns for the same issues.
        let reviewCSV = String(decoding: try Data(contentsOf: exports.appendingPathComponent("review-issues.csv")), as: UTF8.self)
        #expect(reviewCSV.split(separator: "\n").first == issuesCSV.split(separator: "\n").first)
        let english = exports.appendingPathComponent("issues-en.csv")
        try supervisor.expectSuccess(["issue", "list", "--all", "--csv", english.path, "--lang", "en"])
        // In English: the records' keys as headers, in the same order; values named in English.
        let englishCSV = String(decoding: try Data(contentsOf: english), as: UTF8.self)
        #expect(englishCSV.dropFirst().hasPrefix("id,category,node,place,title,state,overdue") && englishCSV.contains(",closed out,no,"), "\(englishCSV.prefix(300))")
        // For systems, whatever the language: the keys as headers (--header en), the values as the user reads them.
        let forSystems = exports.appendingPathComponent("issues-keys.csv")
        try supervisor.expectSuccess(["issue", "list", "--all", "--csv", forSystems.path, "--header", "en"])
        let keyed = String(decoding: try Data(contentsOf: forSystems), as: UTF8.self)
        #expect(keyed.dropFirst().hasPrefix("id,category,node,place,title,state,overdue") && keyed.contains(",已销号,否,"), "\(keyed.prefix(300))")

        // The HTML report: one self-contained page (checked by eye in headless Chromium; here its structure).
        let report = exports.appendingPathComponent("report.html")
        try supervisor.expectSuccess(["report", "--county", "371502", "--html", report.path])
        let page = try String(contentsOf: report, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.contains("<html lang=\"zh-CN\">"))
        #expect(page.components(separatedBy: "<svg ").count - 1 >= 1)  // the weekly issues chart at least
        #expect(page.contains("每周新增与销号") && page.contains("通报全文"))
        for external in ["http://", "https://", "<script", "<link", "src="] { #expect(!page.contains(external), "the page refers to \(external)") }
        #expect(try officer.json([TicketJSON].self, ["issue", "list"]).isEmpty)  // open ones only: none left
        // A screen shows the last reported of a long list and says how many there are; exports are whole.
        let every = try supervisor.issues()
        #expect(every.count > 1)
        let screen = try supervisor.expectSuccess(["issue", "list", "--all", "--limit", "1"])
        #expect(screen.contains("共 \(every.count) 个问题，显示最近上报的 1 个"))
        let shown = { (issue: TicketJSON?) in issue.map { screen.contains(supervisor.shortID($0).lowercased()) } ?? false }
        #expect(shown(every.last) && !shown(every.first))
        #expect(try supervisor.json([TicketJSON].self, ["issue", "list", "--all", "--limit", "1"]).count == every.count)
        #expect(try supervisor.lantian(["issue", "list", "--limit=-1"]).status == 65)
        #expect(town.server.stop() == 0)
    }

    @Test func aStepTheRoleMayNotTakeIsRefusedAndNothingIsWritten() throws {
        let town = try Town()
        #expect(try town.staff.expectSuccess(["status", "--offline"]).contains("乡镇工作人员，古楼街道 371502001"))
        try town.officer.expectSuccess(["issue", "report", "--category", "dust", "--title", "道路积尘"])
        try town.syncAll()
        let issue = try #require(try town.staff.issues().first)
        let before = try town.staff.status().events

        let refused = try town.staff.lantian(["issue", "verify", town.staff.shortID(issue)])
        #expect(refused.status == 65)
        #expect(refused.errors.contains("乡镇工作人员不能执行“核查销号”"))
        let tooEarly = try town.staff.lantian(["issue", "start", town.staff.shortID(issue)])
        #expect(tooEarly.errors.contains("问题当前为“已上报”，不能执行“开始整改”"))
        #expect(try town.staff.status().events == before)

        let supervisorReport = try town.supervisor.lantian(["issue", "report", "--category", "dust", "--title", "x"])
        #expect(supervisorReport.status == 65)
        #expect(try town.supervisor.lantian(["issue", "report", "--category", "dust", "--title", "x", "--lang", "en"]).errors
            .contains("may not take the step 'report'"))
        #expect(town.server.stop() == 0)
    }

    @Test func aPlaceOutsideTheGridOrAnUnknownNodeIsRefused() throws {
        let town = try Town()
        let unknown = try town.officer.lantian(["issue", "report", "--category", "dust", "--title", "x", "--node", "999"])
        #expect(unknown.status == 65)
        #expect(unknown.errors.contains("网格 999 不存在"))
        let noStation = try town.supervisor.lantian(["dustfall", "record", "--station", "nope", "--month", "2026-10", "--a", "1,0,0.02,30"])
        #expect(noStation.errors.contains("没有编码为 nope 的降尘监测点"))
        try town.supervisor.expectSuccess(["dustfall", "station", "--code", "S1", "--name", "站", "--node", Town.township])
        let zeroDays = try town.supervisor.lantian(["dustfall", "record", "--station", "S1", "--month", "2026-10", "--a", "0.2,0.01,0.02,0"])
        #expect(zeroDays.status == 65)
        #expect(zeroDays.errors.contains("A 缸暴露天数超出范围：应在 25 到 35 之间"))
        let negative = try town.supervisor.lantian(["dustfall", "record", "--station", "S1", "--month", "2026-10", "--b=-0.2,0.01,0.02,30"])
        #expect(negative.status == 65)
        #expect(negative.errors.contains("B 缸样品质量超出范围：应在 0 到 10000 之间"))
        let badMonth = try town.supervisor.lantian(["dustfall", "record", "--station", "S1", "--month", "2026-13", "--a", "0.2,0.01,0.02,30"])
        #expect(badMonth.errors.contains("月份格式不对"))
        #expect(town.server.stop() == 0)
    }
}

struct DustfallJSON: Decodable {
    var dustfall: Double?
    var jar: String?
    var overLimit: Bool
}
struct SiteJSON: Decodable { var lastFailedItems: [String] }
struct EnterpriseJSON: Decodable { var id: String, state: String }

/// Settings an administrator makes on the server reach every device and apply below their node.
@Suite struct LocalSettingsEndToEndTests {
    @Test func settingsMadeOnTheServerApplyOnEveryDevice() throws {
        let town = try Town(settings: [
            ["dustfall-limit", "--node", Town.township, "--year", "2026", "--limit", "15"],
            ["monitoring-threshold", "--node", "371502", "--area", "10000"],
            ["checklist", "--node", "371502", "--item", "fencing:周边围挡:fencing", "sprinkling:定时洒水:scheduled sprinkling"],
        ])
        try town.supervisor.expectSuccess(["dustfall", "station", "--code", "GL-01", "--name", "古楼站", "--node", Town.township])
        #expect(try town.supervisor.expectSuccess(["dustfall", "record", "--station", "GL-01", "--month", "2026-10",
                                                   "--a", "0.2850,0.0050,0.0250,28"]).contains("未超过限值 15.0"))
        #expect(try town.supervisor.expectSuccess(["dustfall", "record", "--station", "GL-01", "--month", "2025-10",
                                                   "--a", "0.2850,0.0050,0.0250,28"]).contains("超过限值 9.0"))

        try town.officer.expectSuccess(["dust", "site", "--name", "工地", "--kind", "construction", "--area", "8000", "--node", Town.cell])
        #expect(!(try town.officer.expectSuccess(["dust", "sites"]).contains("缺在线监测")))  // 8,000 m² < 10,000 here
        let site = try #require(try town.officer.json([SiteIDJSON].self, ["dust", "sites"]).first).id.suffix(8)
        let unknownItem = try town.officer.lantian(["dust", "inspect", String(site), "--failed", "covering"])
        #expect(unknownItem.status == 65)
        #expect(unknownItem.errors.contains("“covering”不是现行检查表中的项目"))
        #expect(try town.officer.expectSuccess(["dust", "inspect", String(site), "--failed", "sprinkling"]).contains("定时洒水不达标"))

        let refused = try run("lantiand", ["config", "dustfall-limit", "--node", "999", "--year", "2026", "--limit", "9", "--db", town.server.database])
        #expect(refused.status == 65)
        #expect(refused.errors.contains("没有编码为 999 的网格节点"))
        #expect(town.server.stop() == 0)
    }
}

/// Supervisors see what has not arrived yet.
@Suite struct SyncBacklogEndToEndTests {
    struct BacklogJSON: Decodable {
        var user: String
        var waiting: Int
        var lastSynced: String?
    }

    @Test func aStatusCheckTellsTheServerWhatIsWaitingAndSupervisorsSeeIt() throws {
        let town = try Town()
        try town.officer.reportFire(note: "同步前")
        try town.officer.expectSuccess(["sync"])
        for note in ["离线一", "离线二"] { try town.officer.reportFire(note: note) }
        try town.officer.expectSuccess(["status"])  // only says hello: the server learns 4 events are waiting
        try town.supervisor.expectSuccess(["sync"])
        let backlog = try town.supervisor.json([BacklogJSON].self, ["review", "backlog"])
        let officer = try #require(backlog.first { $0.user == "officer.zhang" })
        #expect(officer.waiting == 4 && officer.lastSynced != nil)  // each fire point with the issue it opens
        #expect(backlog.first?.user == "officer.zhang")  // most waiting first
        try town.officer.expectSuccess(["sync"])
        try town.supervisor.expectSuccess(["sync"])
        #expect(try town.supervisor.json([BacklogJSON].self, ["review", "backlog"]).first { $0.user == "officer.zhang" }?.waiting == 0)
        #expect(town.server.stop() == 0)
    }
}

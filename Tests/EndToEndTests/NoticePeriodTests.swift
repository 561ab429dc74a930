import Foundation
import LantianDomain
import LantianTestSupport
import Testing

/// A month's notice is the month as it stood at its end: what was recorded within it, judged at
/// its last moment; the next month's events change nothing of it. A county outside the user's
/// scope gets "no data here", not a notice of zeros.
@Suite struct NoticePeriodTests {
    @Test func aPastMonthsNoticeDoesNotChangeWhenTheNextMonthsEventsArrive() throws {
        let town = try Town()
        let day: Int64 = 86_400_000
        let now = Timestamp(millisecondsSince1970: Int64(Date().timeIntervalSince1970 * 1000))
        // Forty days ago lies in an earlier month than today, whatever today is.
        let then = now.adding(milliseconds: -40 * day)
        let month = ReviewMonth(containing: then)
        let officer = town.officer.withClock("-40d"), staff = town.staff.withClock("-40d")
        try officer.expectSuccess(["issue", "report", "--category", "dust", "--title", "月内发现"])
        try officer.expectSuccess(["enterprise", "register", "--name", "月内发现的加工点", "--industry", "塑料", "--lead", "patrol"])
        try town.syncAll()
        let id = String(try #require(try town.staff.issues(["--category", "dust"]).first).id.suffix(8))
        // Due an hour later: overdue by the month's end.
        let due = then.adding(milliseconds: 3_600_000)
        try staff.expectSuccess(["issue", "assign", id, "--to", "staff.wang", "--deadline", BeijingTime.format(due)])
        try town.syncAll()

        let arguments = ["notice", "--county", TestGrid.county, "--month", "\(month)"]
        let before = try town.supervisor.expectSuccess(arguments)
        #expect(before.contains("以月末为准"))
        #expect(before.contains("逾期 1 个"))
        #expect(before.contains("台账未清零 1 家") && before.contains("本月扬尘源应检 0 处"))

        // The next month (today, at the true time): rectified and closed out, and a new issue found.
        try town.staff.expectSuccess(["issue", "start", id])
        try town.staff.expectSuccess(["issue", "rectified", id, "--note", "已覆盖"])
        try town.officer.expectSuccess(["issue", "report", "--category", "dust", "--title", "下月发现"])
        // The ledger and the dust sites move on too: the enterprise is dealt with, a site is registered.
        try town.officer.expectSuccess(["dust", "site", "--name", "下月登记的工地", "--kind", "construction", "--area", "6000", "--node", Town.cell])
        try town.syncAll()
        let enterprise = try #require(try town.staff.json([EnterpriseJSON].self, ["enterprise", "list"]).first).id.suffix(8)
        try town.staff.expectSuccess(["enterprise", "dispose", String(enterprise), "--as", "ban-close"])
        try town.syncAll()
        try town.supervisor.expectSuccess(["issue", "verify", id, "--note", "核查合格"])
        try town.syncAll()

        #expect(try town.supervisor.expectSuccess(arguments) == before)
        #expect(!before.contains("下月发现"))
        // This month's notice compares with the month before, which had records by its end; a
        // year before, the grid was not in use: no comparison rather than a misleading 0.
        let current = try town.supervisor.expectSuccess(["notice", "--county", TestGrid.county])
        #expect(current.contains("本月新发现问题 1 个（上月 ") && !current.contains("去年同月"))
        #expect(current.contains("本月扬尘源应检 1 处"))

        // Another county: this device holds nothing of it.
        try TestGrid.lantiand(["grid", "add", "371521", "阳谷县", "--level", "county", "--parent", "371500", "--db", town.server.database])
        try town.supervisor.expectSuccess(["sync"])
        let elsewhere = try town.supervisor.lantian(["notice", "--county", "371521", "--month", "\(month)"])
        #expect(elsewhere.status == 65 && elsewhere.errors.contains("本机没有阳谷县（371521）的数据"))
    }
}

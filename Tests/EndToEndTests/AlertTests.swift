import Foundation
import LantianDomain
import LantianTestSupport
import Testing

/// A heavy-pollution alert on the real binaries: the reduction list imported, an orange alert
/// declared over the county, the checks it implies shown on an officer's device with the server
/// down, a failed measure opening an issue due within the alert's hours, the compliance figures in
/// the notice, and after the lift nothing more due and no check accepted.
@Suite struct AlertTests {
    @Test func anOrangeAlertTurnsIntoChecksAndAFailedMeasureIntoAnIssueDueInHours() throws {
        let town = try Town()
        let list = town.folder.appendingPathComponent("应急减排清单.csv")
        try Data("""
            企业名称,网格编码,行业,绩效等级,黄色预警措施,橙色预警措施,红色预警措施,经度,纬度
            古楼铸造厂,\(Town.township),铸造,C,停止 1 号冲天炉,停止 1 号冲天炉；停止露天物料装卸,全厂停产,115.99,36.449
            古楼 A 级玻璃厂,\(Town.township),玻璃,A,,,,,
            """.utf8).write(to: list)
        let imported = try town.staff.expectSuccess(["import", "reduction-list", list.path])
        #expect(imported.contains("新增 2 家"), "\(imported)")
        #expect(try town.staff.expectSuccess(["import", "reduction-list", list.path]).contains("新增 0 家企业，修订 0 家"))
        // A new list: the foundry has a third orange measure. It is revised, not listed twice.
        try Data(String(decoding: try Data(contentsOf: list), as: UTF8.self)
            .replacingOccurrences(of: "停止 1 号冲天炉；停止露天物料装卸", with: "停止 1 号冲天炉；停止露天物料装卸；停止 2 号电炉").utf8).write(to: list)
        #expect(try town.staff.expectSuccess(["import", "reduction-list", list.path]).contains("新增 0 家企业，修订 1 家"))
        try town.officer.expectSuccess(["dust", "site", "--name", "古楼安置房工地", "--kind", "construction", "--area", "6000", "--node", Town.cell])
        try town.syncAll()

        // A level that does not exist: refused with the levels there are, nothing written.
        let before = try town.supervisor.status().events
        let purple = try town.supervisor.lantian(["alert", "declare", "--node", TestGrid.county, "--level", "purple", "--until", "2099-01-01 00:00"])
        #expect(purple.status == 64 && purple.errors.contains("orange"), "\(purple.errors)")
        #expect(try town.supervisor.status().events == before)

        let until = BeijingTime.format(Timestamp(millisecondsSince1970: Int64(Date().timeIntervalSince1970 * 1000) + 2 * 86_400_000))
        let declared = try town.supervisor.expectSuccess(["alert", "declare", "--node", TestGrid.county, "--level", "orange", "--until", until,
                                                          "--deadline-hours", "6", "--note", "市应急指挥部通知"])
        #expect(declared.contains("橙色预警"), "\(declared)")
        try town.syncAll()

        // The server is down: the officer's device still knows what the alert asks.
        _ = town.server.stop()
        let duties = try town.officer.expectSuccess(["alert", "show"])
        #expect(duties.contains("古楼铸造厂") && duties.contains("停止露天物料装卸") && duties.contains("停止 2 号电炉") && duties.contains("古楼安置房工地")
                && duties.contains("停止土石方作业和拆除作业") && !duties.contains("玻璃厂"), "\(duties)")
        #expect(duties.contains("应查 2 处，已查 0 处"))
        let wrong = try town.officer.lantian(["alert", "check", "古楼铸造厂", "--failed", "全厂停产"])
        #expect(wrong.status == 65 && wrong.errors.contains("不是该企业在本级预警下的措施"), "\(wrong.errors)")
        let checked = try town.officer.expectSuccess(["alert", "check", "古楼铸造厂", "--failed", "停止露天物料装卸", "--note", "料场仍在装卸"])
        #expect(checked.contains("1 项措施未落实"), "\(checked)")
        try town.officer.expectSuccess(["alert", "check", "古楼安置房工地", "--all-passed"])
        let issue = try #require(try town.officer.issues(["--category", "emergency"]).first)
        let deadline = try #require(issue.deadline.map { try BeijingTime.parse(String($0.prefix(16)).replacingOccurrences(of: "T", with: " ")) })
        let hours = Double(deadline.milliseconds(since: Timestamp(millisecondsSince1970: Int64(Date().timeIntervalSince1970 * 1000)))) / 3_600_000
        #expect((5.9...6.01).contains(hours), "the issue is due in \(hours) h, not the alert's 6")

        // Back online: the checks and the issue reach the county; the notice has the alert's figures.
        let server = try ServerProcess(database: town.server.database, port: town.server.port, folder: town.folder)
        defer { _ = server.stop() }
        try town.syncAll()
        let notice = try town.supervisor.expectSuccess(["notice", "--county", TestGrid.county])
        #expect(notice.contains("八、重污染天气应急") && notice.contains("应查企业和工地 2 处，已查 2 处，措施全部落实 1 处（落实率 50%）")
                && notice.contains("未落实措施上报问题 1 个"), "\(notice)")

        // Lifted: nothing is due any more, and a check is refused with the reason, nothing written.
        let alert = try #require(declared.split(separator: "编号 ").last?.prefix(8)).description
        try town.supervisor.expectSuccess(["alert", "lift", alert, "--note", "空气质量好转"])
        try town.syncAll()
        #expect(try town.officer.expectSuccess(["alert", "show"]).contains("没有生效的重污染天气预警"))
        let recorded = try town.officer.status().events
        let late = try town.officer.lantian(["alert", "check", "古楼铸造厂", "--all-passed"])
        #expect(late.status == 65 && late.errors.contains("没有生效的重污染天气预警"), "\(late.errors)")
        #expect(try town.officer.status().events == recorded)
    }
}

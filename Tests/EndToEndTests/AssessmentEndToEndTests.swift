import Foundation
import LantianDomain
import LantianTestSupport
import Testing

/// The monthly assessment (考核) on the real binaries: scored from the month's records, in the
/// notice, and failed by a supervisor's finding of falsified records whatever the score.
@Suite struct AssessmentEndToEndTests {
    @Test func aTownshipFoundToHaveFalsifiedItsRecordsFailsTheMonth() throws {
        // No patrol season: the score does not depend on the month the test runs in.
        let town = try Town(settings: [["patrol-seasons", "--node", TestGrid.county, "--none"]])
        try town.officer.expectSuccess(["issue", "report", "--category", "dust", "--title", "道路积尘未清扫"])
        try town.syncAll()
        let month = "\(ReviewMonth(containing: Timestamp(millisecondsSince1970: Int64(Date().timeIntervalSince1970 * 1000))))"

        let review = try town.supervisor.expectSuccess(["review", "assessment", "--county", TestGrid.county, "--month", month])
        // One open issue, no fire, no dust-fall, no patrol required or alert: 整改率 0, 按期 100, 禁烧 100 → (0 + 2000 + 1500) / 65 = 53.8.
        #expect(review.contains("古楼街道") && review.contains("53.8") && review.contains("不合格"), "\(review)")
        let notice = try town.supervisor.expectSuccess(["notice", "--county", TestGrid.county, "--month", month])
        #expect(notice.contains("八、考核") && notice.contains("本月考核 1 个乡镇（街道）"), "\(notice)")
        // The township's officers: one issue found (25 points of 100), no patrol required: 25.0.
        let officers = try town.staff.expectSuccess(["review", "assessment", "--township", TestGrid.township, "--month", month])
        #expect(officers.contains("officer.zhang") && officers.contains("25.0"), "\(officers)")

        let bad = try town.supervisor.lantian(["review", "falsified", "--township", TestGrid.township, "--month", "2026-13", "--note", "补录"])
        #expect(bad.status == 65 && bad.errors.contains("YYYY-MM"), "\(bad.errors)")
        let officer = try town.officer.lantian(["review", "falsified", "--township", TestGrid.township, "--month", month, "--note", "补录"])
        #expect(officer.status == 65, "a grid officer may not record a finding: \(officer.errors)")
        try town.supervisor.expectSuccess(["review", "falsified", "--township", TestGrid.township, "--month", month, "--note", "巡查记录补录、定位与实际不符"])
        try town.syncAll()
        let failed = try town.staff.expectSuccess(["review", "assessment", "--county", TestGrid.county, "--month", month])
        #expect(failed.contains("不合格（弄虚作假）") && failed.contains("认定弄虚作假、考核不合格：古楼街道"), "\(failed)")
    }

    /// 一案双查: an inquiry only supervisors receive, whose conclusion of neglect costs the township 10 points that month.
    @Test func anInquiryFindingNeglectIsSeenBySupervisorsOnlyAndCostsTheMonthTenPoints() throws {
        let town = try Town(settings: [["patrol-seasons", "--node", TestGrid.county, "--none"]])
        try town.officer.expectSuccess(["issue", "report", "--category", "dust", "--title", "道路积尘未清扫"])
        try town.syncAll()
        let month = "\(ReviewMonth(containing: Timestamp(millisecondsSince1970: Int64(Date().timeIntervalSince1970 * 1000))))"

        let refused = try town.staff.lantian(["inquiry", "open", "--node", TestGrid.township, "--reason", "自查"])
        #expect(refused.status == 65, "township staff may not open an inquiry: \(refused.errors)")
        let opened = try town.supervisor.expectSuccess(["inquiry", "open", "--node", TestGrid.township, "--reason", "县级检查发现道路积尘，乡镇巡查未上报"])
        let id = try #require(opened.split(separator: "编号 ").last?.prefix(8)).description
        try town.supervisor.expectSuccess(["inquiry", "finding", id, "--note", "该网格本月巡查记录 3 次，均未到该路段"])
        try town.supervisor.expectSuccess(["inquiry", "conclude", id, "--outcome", "neglected", "--responsible", "staff.wang", "--note", "巡查流于形式"])
        let again = try town.supervisor.lantian(["inquiry", "finding", id, "--note", "补充"])
        #expect(again.status == 65 && again.errors.contains("已结案"), "\(again.errors)")
        try town.syncAll()

        // The township's devices received none of it.
        func inquiryEvents(_ device: FieldDevice) throws -> String {
            try run(path: "/usr/bin/sqlite3", [device.store, "SELECT COUNT(*) FROM event WHERE type LIKE 'inquiry.%'"]).output
                .trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try inquiryEvents(town.staff) == "0" && inquiryEvents(town.officer) == "0" && inquiryEvents(town.supervisor) == "3")
        #expect(try town.staff.expectSuccess(["inquiry", "list"]).contains("暂无一案双查"))
        #expect(try town.supervisor.expectSuccess(["inquiry", "list"]).contains("失职（staff.wang）"))
        // 53.8 (see above) less 10.
        let review = try town.supervisor.expectSuccess(["review", "assessment", "--county", TestGrid.county, "--month", month])
        #expect(review.contains("43.8") && review.contains("1 起（−10）"), "\(review)")
    }
}

import Foundation
import LantianDomain
import Testing

/// Deadline extensions (延期) on the real binaries: township staff ask with a reason, the
/// supervisor grants or refuses; the deadline in force is what overdue and lists use. Steps that
/// must say why (a request, a refusal, a rejection, a reopening) are refused without a reason.
@Suite struct DeadlineExtensionTests {
    @Test func townshipStaffAskTheSupervisorGrantsAndTheNewDeadlineIsInForce() throws {
        let town = try Town()
        try town.officer.expectSuccess(["issue", "report", "--category", "dust", "--title", "工地裸土未覆盖"])
        try town.syncAll()
        let id = String(try #require(try town.staff.issues().first).id.suffix(8))
        try town.staff.expectSuccess(["issue", "assign", id, "--to", "staff.wang", "--deadline", "2030-01-01 18:00"])

        let noReason = try town.staff.lantian(["issue", "extend", id, "--deadline", "2030-03-01 18:00"])
        #expect(noReason.status == 65 && noReason.errors.contains("缺少"))
        let earlier = try town.staff.lantian(["issue", "extend", id, "--deadline", "2029-12-01 18:00", "--note", "雨天"])
        #expect(earlier.status == 65 && earlier.errors.contains("须晚于现行期限"))
        try town.staff.expectSuccess(["issue", "extend", id, "--deadline", "2030-03-01 18:00", "--note", "防尘网到货需时"])
        try town.syncAll()

        #expect(try town.supervisor.expectSuccess([]).contains("待您审批延期"))  // the home screen
        let shown = try town.supervisor.expectSuccess(["issue", "show", id])
        #expect(shown.contains("申请延期至 2030-03-01 18:00，待督导审批"))
        #expect(shown.contains("issue extension \(id) --grant"))
        #expect(try town.supervisor.lantian(["issue", "extension", id, "--refuse"]).status == 65)  // a refusal says why
        try town.supervisor.expectSuccess(["issue", "extension", id, "--grant", "--note", "同意"])
        try town.syncAll()

        let granted = try town.staff.json(ExtensionJSON.self, ["issue", "show", id])
        #expect(granted.deadline?.hasPrefix("2030-03-01T18:00") == true)
        #expect(granted.requestedDeadline == nil && granted.extensionCount == 1)
        #expect(try town.staff.expectSuccess(["issue", "show", id]).contains("已延期 1 次"))
    }

    /// An overdue issue escalated: `issue show` names the level and who ordered it.
    @Test func anEscalationShowsItsLevelAndWhoOrderedIt() throws {
        let town = try Town()
        try town.officer.expectSuccess(["issue", "report", "--category", "dust", "--title", "工地未覆盖"])
        try town.syncAll()
        let id = String(try #require(try town.staff.issues().first).id.suffix(8))
        // Assigned two days ago, due yesterday: overdue now.
        let yesterday = BeijingTime.format(Timestamp(millisecondsSince1970: Int64(Date().timeIntervalSince1970 * 1000) - 86_400_000))
        try town.staff.withClock("-2d").expectSuccess(["issue", "assign", id, "--to", "staff.wang", "--deadline", yesterday])
        try town.syncAll()
        try town.supervisor.expectSuccess(["issue", "escalate", id, "--level", "interview"])
        #expect(try town.supervisor.expectSuccess(["issue", "show", id]).contains("已升级督办：约谈（supervisor.zhao，"))
    }

    @Test func aRejectionAndAReopeningMustSayWhy() throws {
        let town = try Town()
        try town.officer.expectSuccess(["issue", "report", "--category", "dust", "--title", "道路积尘"])
        try town.syncAll()
        let id = String(try #require(try town.staff.issues().first).id.suffix(8))
        try town.staff.expectSuccess(["issue", "assign", id, "--to", "staff.wang", "--deadline", "2030-01-01 18:00"])
        try town.staff.expectSuccess(["issue", "start", id])
        try town.staff.expectSuccess(["issue", "rectified", id])
        try town.syncAll()
        let silent = try town.supervisor.lantian(["issue", "reject", id])
        #expect(silent.status == 65 && silent.errors.contains("缺少"))
        try town.supervisor.expectSuccess(["issue", "reject", id, "--note", "仍有积尘"])
        #expect(try town.supervisor.expectSuccess(["issue", "show", id]).contains("仍有积尘"))
    }
}

struct ExtensionJSON: Decodable {
    var deadline: String?
    var requestedDeadline: String?
    var extensionCount: Int
}

import Foundation
import LantianDomain
import Testing

/// `lantian` alone shows what this user has to do now, each duty with the command that acts on
/// it; a sync says what it brought for this user; `issue show` says what comes next and who takes
/// it (issue 21, "a home screen"). On the real binaries, one issue through the workflow.
@Suite struct HomeScreenTests {
    @Test func eachRoleSeesItsDutiesWithTheCommandsAndASyncSaysWhatIsNew() throws {
        let town = try Town()
        try town.officer.expectSuccess(["issue", "report", "--category", "dust", "--title", "安置房工地未覆盖"])
        #expect(try town.officer.expectSuccess([]).contains("您上报、未销号 1 个 —— lantian issue list --mine"))
        #expect(try town.officer.expectSuccess([]).contains("待同步 1 条记录"))
        try town.officer.expectSuccess(["sync"])

        // Township staff: the sync says an issue waits to be assigned; home says how.
        #expect(try town.staff.expectSuccess(["sync"]).contains("新到：待交办 1 个"))
        let id = town.staff.shortID(try #require(try town.staff.issues().first))
        let staffHome = try town.staff.expectSuccess([])
        #expect(staffHome.contains("staff.wang（乡镇工作人员"))
        #expect(staffHome.contains("待交办 1 个 —— lantian issue assign \(id) --to 用户名 --deadline"))
        #expect(try town.staff.expectSuccess(["issue", "show", id]).contains("下一步：乡镇工作人员 交办（lantian issue assign \(id)"))

        // Assigned to themselves, due in two days: to start, and due soon.
        let soon = BeijingTime.format(Timestamp.now().adding(milliseconds: 2 * 86_400_000))
        try town.staff.expectSuccess(["issue", "assign", id, "--to", "staff.wang", "--deadline", soon])
        let assigned = try town.staff.expectSuccess([])
        #expect(assigned.contains("3 天内到期 1 个 —— lantian issue list --sort deadline"))
        #expect(assigned.contains("交办给您、待开始整改 1 个 —— lantian issue start \(id)"))
        #expect(!assigned.contains("待交办"))
        #expect(try town.staff.json([TicketJSON].self, ["issue", "list", "--mine", "--sort", "deadline"]).map(\.id).count == 1)
        try town.staff.expectSuccess(["issue", "start", id])
        try town.staff.expectSuccess(["issue", "rectified", id])
        try town.staff.expectSuccess(["sync"])

        // The supervisor: the sync brings an issue to verify on site.
        #expect(try town.supervisor.expectSuccess(["sync"]).contains("新到：待您核查 1 个"))
        #expect(try town.supervisor.expectSuccess([]).contains("待您现场核查 1 个 —— lantian issue verify \(id)"))
        #expect(try town.supervisor.expectSuccess(["issue", "show", id]).contains("下一步：督导人员 核查销号（lantian issue verify \(id)）"))
        try town.supervisor.expectSuccess(["issue", "verify", id])
        #expect(try town.supervisor.expectSuccess([]).contains("目前没有待办的问题"))
        #expect(try town.supervisor.expectSuccess(["--lang", "en"]).contains("Nothing waits for you now"))
    }
}

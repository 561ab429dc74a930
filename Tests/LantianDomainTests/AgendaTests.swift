import Foundation
import Testing
@testable import LantianDomain

/// Each role's duties among the open issues of its scope, and what a sync brought.
@Suite struct AgendaTests {
    static let now = Timestamp(millisecondsSince1970: 1_790_000_000_000)
    static let day: Int64 = 86_400_000

    static func issue(_ state: TicketState, assignee: String? = nil, reportedBy: String = "officer.zhang", dueIn days: Int64? = nil) -> TicketSummary {
        TicketSummary(id: UUID(), category: .dust, state: state, node: "371502001001", title: "扬尘", reportedBy: reportedBy,
                      reportedAt: now.adding(milliseconds: -10 * day), assignee: assignee, deadline: days.map { now.adding(milliseconds: $0 * day) })
    }

    static let open = [
        issue(.reported), issue(.assigned, assignee: "staff.wang", dueIn: 2), issue(.rectifying, assignee: "staff.wang", dueIn: -1),
        issue(.rectifying, assignee: "staff.li", dueIn: 10), issue(.rectificationReported, assignee: "staff.wang", reportedBy: "officer.li"),
    ]

    @Test func townshipStaffAssignStartAndReport() {
        let agenda = Agenda(user: UserRegistered(name: "staff.wang", role: .townshipStaff, scope: "371502001"), open: Self.open, now: Self.now)
        #expect(agenda[.toAssign] == [Self.open[0]])
        #expect(agenda[.toStart] == [Self.open[1]] && agenda[.dueSoon] == [Self.open[1]])
        #expect(agenda[.toReport] == [Self.open[2]] && agenda[.overdue] == [Self.open[2]])
        #expect(agenda[.toVerify].isEmpty && agenda[.myReports].isEmpty)
    }

    @Test func supervisorsVerifyAndGridOfficersFollowTheirReports() {
        let supervisor = Agenda(user: UserRegistered(name: "supervisor.zhao", role: .supervisor, scope: "371502"), open: Self.open, now: Self.now)
        #expect(supervisor[.toVerify] == [Self.open[4]] && supervisor[.toAssign].isEmpty && supervisor[.overdue] == [Self.open[2]])
        let officer = Agenda(user: UserRegistered(name: "officer.zhang", role: .gridOfficer, scope: "371502001001"), open: Self.open, now: Self.now)
        // Nearest deadline first; none last.
        #expect(officer[.myReports] == [Self.open[2], Self.open[1], Self.open[3], Self.open[0]])
    }

    /// Open issues at a retired grid node wait to be transferred, for those who transfer.
    @Test func issuesAtARetiredNodeAreToTransfer() {
        let retired: Set<String> = ["371502001001"]
        let staff = Agenda(user: UserRegistered(name: "staff.wang", role: .townshipStaff, scope: "371502001"), open: Self.open, now: Self.now,
                           retired: retired)
        #expect(Set(staff[.toTransfer].map(\.id)) == Set(Self.open.prefix(4).map(\.id)))  // not the one reported rectified
        let officer = Agenda(user: UserRegistered(name: "officer.zhang", role: .gridOfficer, scope: "371502001001"), open: Self.open,
                             now: Self.now, retired: retired)
        #expect(officer[.toTransfer].isEmpty)
    }

    /// A stated node that was retired takes no new record; a located record is never placed in one.
    @Test func aRetiredNodeTakesNoNewRecords() {
        let grid = Grid(nodes: [GridNodeDefined(code: "371502", name: "东昌府区", level: .county, parent: nil),
                                GridNodeDefined(code: "371502001", name: "古楼街道", level: .township, parent: "371502", retired: true)])
        #expect(grid.place(stated: "371502001", location: nil, scope: nil) == .failure(.retiredNode(node: "371502001")))
        #expect(grid.place(stated: "371502", location: nil, scope: nil) == .success("371502"))
    }

    @Test func newsAreWhatWaitsNowAndDidNotBefore() {
        let user = UserRegistered(name: "staff.wang", role: .townshipStaff, scope: "371502001")
        let before = Agenda(user: user, open: [Self.open[0]], now: Self.now), after = Agenda(user: user, open: Self.open, now: Self.now)
        #expect(after.news(since: before).map(\.duty) == [.overdue, .dueSoon, .toStart, .toReport])
        #expect(after.news(since: after).isEmpty)
    }

    @Test func theNextStepsFollowTheWorkflow() {
        #expect(TicketWorkflow.nextSteps(from: .reported) == [.assigned])
        #expect(TicketWorkflow.nextSteps(from: .assigned) == [.rectificationStarted])
        #expect(TicketWorkflow.nextSteps(from: .rectificationReported) == [.verified, .verificationFailed])
        #expect(TicketWorkflow.nextSteps(from: .closed) == [.reopened])
    }
}

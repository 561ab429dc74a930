import Foundation
import LantianTestSupport
import Testing
@testable import LantianDomain

@Suite struct TicketWorkflowTests {
    @Test func anIssueGoesFromReportToCloseOutThroughEachRole() throws {
        var script = TicketScript()
        script.report()
        script.step(.assigned, by: "staff.wang", TicketStep(note: "限三日内覆盖", assignee: "staff.wang",
                                                            deadline: Timestamp(millisecondsSince1970: script.clock + 72 * 3_600_000)))
        script.step(.rectificationStarted, by: "staff.wang")
        script.step(.rectificationReported, by: "staff.wang", TicketStep(note: "已覆盖防尘网", evidence: [Evidence(sha256: "ab", fileName: "after.jpg")]))
        script.step(.verified, by: "supervisor.zhao", TicketStep(note: "现场核查合格，销号"))

        let ticket = try #require(script.result)
        #expect(ticket.state == .closed)
        #expect(ticket.closedAt == script.now)
        #expect(ticket.conflicts.isEmpty)
        #expect(ticket.history.map(\.actor) == ["officer.zhang", "staff.wang", "staff.wang", "staff.wang", "supervisor.zhao"])
        #expect(ticket.evidence == [Evidence(sha256: "ab", fileName: "after.jpg")])
    }

    @Test func aFailedVerificationReturnsTheIssueToRectification() throws {
        var script = TicketScript.rectificationReported()
        script.step(.verificationFailed, by: "supervisor.zhao", TicketStep(note: "仍有裸土"))
        #expect(try #require(script.result).state == .rectifying)
    }

    @Test func aReboundReopensAClosedIssueForANewAssignment() throws {
        var script = TicketScript.rectificationReported()
        script.step(.verified, by: "supervisor.zhao")
        script.step(.reopened, by: "supervisor.sun", TicketStep(note: "复查发现反弹"))
        let ticket = try #require(script.result)
        #expect(ticket.state == .reported)
        #expect(ticket.reopenCount == 1)
        #expect(ticket.deadline == nil && ticket.closedAt == nil)
    }

    @Test func overdueIsComputedFromTheDeadlineAndTheTimeAskedAbout() throws {
        var script = TicketScript.assigned(deadlineInHours: 24)
        let ticket = try #require(script.result)
        let deadline = try #require(ticket.deadline)
        #expect(!ticket.isOverdue(at: deadline))
        #expect(ticket.isOverdue(at: Timestamp(millisecondsSince1970: deadline.millisecondsSince1970 + 1)))
        script.step(.rectificationStarted, by: "staff.wang")
        script.step(.rectificationReported, by: "staff.wang")
        #expect(!(try #require(script.result)).isOverdue(at: Timestamp(millisecondsSince1970: .max)))
    }

    @Test func onlyAnOverdueIssueCanBeEscalated() throws {
        var script = TicketScript.assigned(deadlineInHours: 24)
        script.step(.escalated, by: "supervisor.zhao", TicketStep(escalation: .interview))
        var ticket = try #require(script.result)
        #expect(ticket.escalations.isEmpty)
        #expect(ticket.conflicts.map(\.reason) == [.notOverdue])

        script.wait(hours: 25)
        script.step(.escalated, by: "supervisor.zhao", TicketStep(note: "约谈镇长", escalation: .interview))
        ticket = try #require(script.result)
        #expect(ticket.escalations == [.interview])
        #expect(ticket.state == .assigned)
    }

    @Test func anAssignmentNeedsAnAssigneeAndADeadline() throws {
        var script = TicketScript()
        script.report()
        script.step(.assigned, by: "staff.wang", TicketStep(assignee: "staff.wang"))
        #expect(try #require(script.result).conflicts.map(\.reason) == [.missing(field: "deadline")])
    }

    @Test func aReportByAnyoneButAGridOfficerIsShownAsAConflict() throws {
        var script = TicketScript()
        script.report(by: "staff.wang")
        let ticket = try #require(script.result)
        #expect(ticket.conflicts.map(\.reason) == [.roleNotAllowed(.townshipStaff, step: "reported")])
    }

    /// Who may take each step, as the workflow issue states it.
    static let allowedRoles: [TicketStep.Kind: Set<Role>] = [
        .assigned: [.townshipStaff], .rectificationStarted: [.townshipStaff], .rectificationReported: [.townshipStaff],
        .verified: [.supervisor], .verificationFailed: [.supervisor], .reopened: [.supervisor], .escalated: [.supervisor],
        .evidenceAdded: [.gridOfficer], .extensionRequested: [.townshipStaff], .extensionGranted: [.supervisor],
        .extensionRefused: [.supervisor], .transferred: [.townshipStaff, .supervisor],
    ]

    /// The state each step is tried from: one it may start from.
    static func script(readyFor kind: TicketStep.Kind) -> TicketScript {
        switch kind {
        case .assigned, .evidenceAdded: var script = TicketScript(); script.report(); return script
        case .rectificationStarted: return .assigned(deadlineInHours: 24)
        case .escalated: var script = TicketScript.assigned(deadlineInHours: 1); script.wait(hours: 2); return script
        case .rectificationReported:
            var script = TicketScript.assigned(deadlineInHours: 24); script.step(.rectificationStarted, by: "staff.wang"); return script
        case .verified, .verificationFailed: return .rectificationReported()
        case .reopened: var script = TicketScript.rectificationReported(); script.step(.verified, by: "supervisor.zhao"); return script
        case .extensionRequested: return .assigned(deadlineInHours: 24)
        case .transferred: var script = TicketScript(); script.report(); return script
        case .extensionGranted, .extensionRefused:
            var script = TicketScript.assigned(deadlineInHours: 24)
            script.step(.extensionRequested, by: "staff.wang", TicketStep(note: "设备采购需时", deadline: Timestamp(millisecondsSince1970: script.clock + 72 * 3_600_000)))
            return script
        }
    }

    static let userOfRole: [Role: String] = [.gridOfficer: "officer.zhang", .townshipStaff: "staff.wang", .supervisor: "supervisor.zhao", .admin: "admin"]

    @Test(arguments: TicketStep.Kind.allCases, Role.allCases)
    func eachStepIsAllowedToItsRolesAndShownAsAConflictForOthers(_ kind: TicketStep.Kind, _ role: Role) throws {
        var script = Self.script(readyFor: kind)
        let before = try #require(script.result)
        script.step(kind, by: Self.userOfRole[role]!, TicketStep(note: "原因", evidence: [Evidence(sha256: "cd", fileName: "p.jpg")], assignee: "staff.wang",
                                                                  deadline: Timestamp(millisecondsSince1970: script.clock + 48 * 3_600_000),
                                                                  escalation: .specialInspection, node: "371502002"))
        let after = try #require(script.result)
        if Self.allowedRoles[kind]!.contains(role) {
            #expect(after.conflicts.count == before.conflicts.count)
            #expect(after.history.count == before.history.count + 1)
        } else {
            #expect(after.conflicts.last?.reason == .roleNotAllowed(role, step: kind.rawValue))
            #expect(after.state == before.state && after.history == before.history)
        }
    }

    /// The states each step may start from, as the workflow states it.
    static let allowedStates: [TicketStep.Kind: Set<TicketState>] = [
        .assigned: [.reported, .assigned], .rectificationStarted: [.assigned], .rectificationReported: [.rectifying],
        .verified: [.rectificationReported], .verificationFailed: [.rectificationReported], .reopened: [.closed],
        .escalated: [.assigned, .rectifying], .evidenceAdded: [.reported, .assigned, .rectifying, .rectificationReported, .closed],
        .extensionRequested: [.assigned, .rectifying], .extensionGranted: [.assigned, .rectifying], .extensionRefused: [.assigned, .rectifying],
        .transferred: [.reported, .assigned, .rectifying],
    ]

    @Test(arguments: TicketStep.Kind.allCases)
    func eachStepStartsOnlyFromItsStates(_ kind: TicketStep.Kind) throws {
        let role = Self.allowedRoles[kind]!.first!
        for state in TicketState.allCases {
            // A decision on an extension needs one asked for; a request, none pending.
            let pending = kind == .extensionGranted || kind == .extensionRefused ? Timestamp(millisecondsSince1970: 20) : nil
            let ticket = Ticket(id: UUID(), report: TicketReported(category: .dust, node: "1", title: "t"), reportedBy: "officer.zhang",
                                reportedAt: Timestamp(millisecondsSince1970: 0), state: state, deadline: Timestamp(millisecondsSince1970: 0),
                                requestedDeadline: pending, evidence: [])
            let step = TicketStep(note: "原因", evidence: [Evidence(sha256: "e", fileName: "e.jpg")], assignee: "staff.wang",
                                  deadline: Timestamp(millisecondsSince1970: 9), escalation: .interview, node: "2")
            let result = Result { () throws(TicketRuleViolation) in try TicketWorkflow.apply(kind, step, by: role, to: ticket, at: Timestamp(millisecondsSince1970: 1)) }
            if Self.allowedStates[kind]!.contains(state) {
                #expect(throws: Never.self) { try result.get() }
            } else {
                #expect(throws: TicketRuleViolation.wrongState(state, step: kind.rawValue)) { try result.get() }
            }
        }
    }
}

/// Deadline extensions (延期): township staff ask with a reason, a supervisor decides; overdue is
/// judged against the deadline in force, and extensions granted are counted.
@Suite struct DeadlineExtensionTests {
    @Test func aGrantedExtensionMovesTheDeadlineInForceAndIsCounted() throws {
        var script = TicketScript.assigned(deadlineInHours: 24)
        let later = Timestamp(millisecondsSince1970: script.clock + 72 * 3_600_000)
        script.step(.extensionRequested, by: "staff.wang", TicketStep(note: "设备采购需时", deadline: later))
        #expect(try #require(script.result).requestedDeadline == later)
        script.wait(hours: 30)
        #expect(try #require(script.result).isOverdue(at: Timestamp(millisecondsSince1970: script.clock)))  // asking does not move it
        script.step(.extensionGranted, by: "supervisor.zhao")
        let ticket = try #require(script.result)
        #expect(ticket.deadline == later && ticket.requestedDeadline == nil && ticket.extensionCount == 1)
        #expect(!ticket.isOverdue(at: Timestamp(millisecondsSince1970: script.clock)))
        #expect(ticket.conflicts.isEmpty)
    }

    @Test func aRefusalKeepsTheDeadlineAndNeedsAReason() throws {
        var script = TicketScript.assigned(deadlineInHours: 24)
        let inForce = try #require(script.result).deadline
        script.step(.extensionRequested, by: "staff.wang", TicketStep(note: "雨天", deadline: Timestamp(millisecondsSince1970: script.clock + 96 * 3_600_000)))
        script.step(.extensionRefused, by: "supervisor.zhao", TicketStep(note: ""))
        #expect(try #require(script.result).conflicts.map(\.reason) == [.missing(field: "note")])
        script.step(.extensionRefused, by: "supervisor.zhao", TicketStep(note: "理由不充分"))
        let ticket = try #require(script.result)
        #expect(ticket.deadline == inForce && ticket.requestedDeadline == nil && ticket.extensionCount == 0)
    }

    @Test func aRequestNeedsALaterDeadlineAReasonAndNoneOtherPending() throws {
        var script = TicketScript.assigned(deadlineInHours: 24)
        let earlier = Timestamp(millisecondsSince1970: script.clock + 12 * 3_600_000)
        let later = Timestamp(millisecondsSince1970: script.clock + 72 * 3_600_000)
        let inForce = try #require(script.result).deadline
        script.step(.extensionRequested, by: "staff.wang", TicketStep(note: "雨天", deadline: earlier))
        script.step(.extensionRequested, by: "staff.wang", TicketStep(note: "", deadline: later))
        script.step(.extensionRequested, by: "staff.wang", TicketStep(note: "雨天", deadline: later))
        script.step(.extensionRequested, by: "staff.wang", TicketStep(note: "再延", deadline: later))
        script.step(.extensionGranted, by: "supervisor.zhao")
        script.step(.extensionGranted, by: "supervisor.zhao")
        #expect(try #require(script.result).conflicts.map(\.reason) == [
            .deadlineNotLater(earlier, inForce: inForce), .missing(field: "note"), .extensionPending, .noExtensionPending,
        ])
    }
}

/// Concurrent offline steps converge: every delivery order gives the same tickets.
@Suite struct TicketConvergenceTests {
    @Test(arguments: 0..<100)
    func twoSupervisorsJudgingTheSameRectificationOfflineConvergeWhateverTheDeliveryOrder(seed: Int) throws {
        var script = TicketScript.rectificationReported()
        let reject = script.concurrent(.verificationFailed, by: "supervisor.sun", at: script.clock + 5_000, TicketStep(note: "不合格"))
        let verify = script.concurrent(.verified, by: "supervisor.zhao", at: script.clock + 9_000, TicketStep(note: "合格"))
        script.add(verify)
        script.add(reject)

        var random = SeededRandom(seed: UInt64(seed))
        let ticket = try #require(Tickets.fold(script.events.shuffled(using: &random))[script.ticket])
        #expect(ticket.state == .rectifying)  // the rejection came first in canonical order
        #expect(ticket.conflicts.map(\.event) == [verify.id])
        #expect(ticket.conflicts.first?.reason == .wrongState(.rectifying, step: "verified"))
        #expect(Tickets.fold(script.events)[script.ticket] == ticket)
    }
}

extension TicketScript {
    static func assigned(deadlineInHours hours: Int64) -> TicketScript {
        var script = TicketScript()
        script.report()
        script.step(.assigned, by: "staff.wang", TicketStep(assignee: "staff.wang",
                                                            deadline: Timestamp(millisecondsSince1970: script.clock + 60_000 + hours * 3_600_000)))
        return script
    }

    static func rectificationReported() -> TicketScript {
        var script = assigned(deadlineInHours: 24)
        script.step(.rectificationStarted, by: "staff.wang")
        script.step(.rectificationReported, by: "staff.wang")
        return script
    }
}

@Suite struct DerivedIssueTests {
    @Test(arguments: Role.allCases)
    func anIssueThatFollowsFromARecordMayBeOpenedByAnyoneInTheField(_ role: Role) {
        let derived = TicketReported(category: .dustfall, node: "1", title: "超标", origin: UUID())
        let judged = TicketReported(category: .dust, node: "1", title: "发现")
        #expect(TicketWorkflow.mayReport(derived, role: role) == (role != .admin))
        #expect(TicketWorkflow.mayReport(judged, role: role) == (role == .gridOfficer))
        #expect(!TicketWorkflow.mayReport(derived, role: nil))
    }
}

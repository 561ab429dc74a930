import Foundation
import LantianTestSupport
import Testing
@testable import LantianDomain

@Suite struct EnterpriseTests {
    let id = UUID()

    func registered(_ disposition: Disposition? = nil, after earlier: Chronicle = Chronicle()) throws -> Chronicle {
        var story = earlier
        story.record(try EnterpriseRegistered(name: "某塑料颗粒加工点", address: "古楼街道北关村", node: "371502001", industry: "塑料",
                                              leadSource: .electricityData), about: id)
        if let disposition { try step(&story, .disposed, EnterpriseStep(disposition: disposition)) }
        return story
    }

    func step(_ story: inout Chronicle, _ kind: EnterpriseStep.Kind, _ step: EnterpriseStep = EnterpriseStep()) throws {
        story.record(kind.eventType, about: id, step)
    }

    func enterprise(_ story: Chronicle) throws -> Enterprise { try #require(Enterprises.fold(story.events)[id]) }

    @Test func aBanCloseIsCompleteOnlyWithAllFiveOfTwoCutsThreeClears() throws {
        var story = try registered(.banClose)
        for item in ClosureItem.allCases.dropLast() { try step(&story, .closureItemDone, EnterpriseStep(item: item)) }
        #expect(try enterprise(story).state == .inProgress)
        try step(&story, .closureItemDone, EnterpriseStep(item: .equipmentCleared))
        let closed = try enterprise(story)
        // Done, and called 已取缔; not whitelisted: the whitelist is for enterprises allowed to operate (seed 003 §(十)).
        #expect(closed.state == .completed && !closed.isWhitelisted)
        #expect(closed.stateName(in: .chinese) == "已取缔")
    }

    @Test func anUpgradeResumesOnlyAfterEveryRequiredDepartmentSignedOff() throws {
        var story = try registered(.upgrade)
        for department in SignOffDepartmentsDefined.standard.dropLast() { try step(&story, .signedOff, EnterpriseStep(department: department)) }
        try step(&story, .productionResumed)
        var current = try enterprise(story)
        #expect(current.state == .inProgress)
        #expect(current.conflicts.map(\.reason) == [.missingSignOffs(["发展改革"])])

        try step(&story, .signedOff, EnterpriseStep(department: "发展改革"))
        try step(&story, .productionResumed)
        current = try enterprise(story)
        #expect(current.state == .completed && current.isWhitelisted)
        #expect(current.stateName(in: .chinese) == "已整改（白名单）")
    }

    @Test func theSignOffListIsConfigurationForANodeAndBelow() throws {
        var configured = Chronicle()
        configured.record(SignOffDepartmentsDefined(node: "371502001", departments: ["生态环境", "街道办"]), about: UUID(), by: "admin")
        var story = try registered(.upgrade, after: configured)
        try step(&story, .signedOff, EnterpriseStep(department: "市场监管"))
        try step(&story, .signedOff, EnterpriseStep(department: "生态环境"))
        try step(&story, .signedOff, EnterpriseStep(department: "街道办"))
        try step(&story, .productionResumed)
        let current = try enterprise(story)
        #expect(current.state == .completed)
        #expect(current.conflicts.map(\.reason) == [.unknownDepartment("市场监管")])
    }

    /// 两断三清 at the old site before the move (seed 004 §21).
    @Test func aRelocationIsCompleteWhenTheMoveIsRecordedAfterTheOldSiteIsCleared() throws {
        var story = try registered(.relocate)
        try step(&story, .relocated, EnterpriseStep(note: "迁入工业园区"))
        #expect(try enterprise(story).state == .inProgress)
        #expect(try enterprise(story).conflicts.map(\.reason) == [.missingClosureItems(ClosureItem.allCases)])
        for item in ClosureItem.allCases { try step(&story, .closureItemDone, EnterpriseStep(item: item)) }
        #expect(try enterprise(story).state == .inProgress)  // cleared, not moved yet
        try step(&story, .relocated, EnterpriseStep(note: "迁入工业园区"))
        let moved = try enterprise(story)
        #expect(moved.state == .completed && !moved.isWhitelisted && moved.stateName(in: .chinese) == "已搬迁")
    }

    @Test func aResurgenceReopensTheCaseAndIsCountedSeparately() throws {
        var story = try registered(.banClose)
        for item in ClosureItem.allCases { try step(&story, .closureItemDone, EnterpriseStep(item: item)) }
        try step(&story, .resurgenceFound, EnterpriseStep(note: "夜间偷偷生产"))
        let reopened = try enterprise(story)
        #expect(reopened.state == .inProgress && reopened.isOpen)
        #expect(reopened.resurgences == 1)
        #expect(reopened.closureItems.isEmpty)
    }

    @Test func stepsOfAnotherDispositionOrStateAreConflictsNotApplied() throws {
        var story = try registered()
        try step(&story, .closureItemDone, EnterpriseStep(item: .powerCut))
        try step(&story, .resurgenceFound)
        try step(&story, .disposed, EnterpriseStep(disposition: .upgrade))
        try step(&story, .closureItemDone, EnterpriseStep(item: .powerCut))
        try step(&story, .relocated)
        let current = try enterprise(story)
        #expect(current.conflicts.map(\.reason) == [
            .wrongState(.registered, step: .closureItemDone), .wrongState(.registered, step: .resurgenceFound),
            .wrongDisposition(.upgrade, step: .closureItemDone), .wrongDisposition(.upgrade, step: .relocated),
        ])
        #expect(current.closureItems.isEmpty && current.state == .inProgress)
    }
}

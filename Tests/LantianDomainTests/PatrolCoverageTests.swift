import Foundation
@testable import LantianDomain
import LantianTestSupport
import Testing

/// A patrol is its officer's record, and coverage counts the slot-days a season requires that a
/// patrol in the cell was under way in, once their time has passed.
@Suite struct PatrolCoverageTests {
    static let grid = Grid(nodes: [
        GridNodeDefined(code: "371502", name: "东昌府区", level: .county, parent: nil),
        GridNodeDefined(code: "371502001", name: "古楼街道", level: .township, parent: "371502"),
        GridNodeDefined(code: "371502001001", name: "第一网格", level: .cell, parent: "371502001"),
        GridNodeDefined(code: "371502001002", name: "第二网格", level: .cell, parent: "371502001"),
    ])
    static let here = try! GeoPoint(latitude: 36.45, longitude: 115.98)

    /// 2026-10-01 00:00 in Beijing, plus `hours`.
    static func october(_ day: Int64, _ hours: Double) -> Timestamp {
        Timestamp(millisecondsSince1970: 1_790_784_000_000 + (day - 1) * 86_400_000 + Int64(hours * 3_600_000))
    }

    @Test func checkInsAndEndsByAnyoneButTheOfficerOrAfterTheEndAreSetAside() {
        var story = Chronicle()
        let patrol = UUID()
        story.record(PatrolStarted(node: "371502001001"), about: patrol, at: Self.october(1, 17.5))
        story.record(PatrolCheckedIn(location: Self.here), about: patrol, by: "officer.li", at: Self.october(1, 17.6))
        story.record(PatrolCheckedIn(location: Self.here), about: patrol, at: Self.october(1, 17.7))
        story.record(PatrolEnded(), about: patrol, at: Self.october(1, 18.5))
        story.record(PatrolCheckedIn(location: Self.here), about: patrol, at: Self.october(1, 19))
        let patrols = Patrols.fold(story.events)
        #expect(patrols[patrol]?.checkIns.count == 1 && patrols[patrol]?.officer == "officer.zhang")
        #expect(patrols.orphans.count == 2)
        #expect(abs((patrols[patrol]?.hours ?? 0) - 1) < 0.001)
    }

    @Test func anEndRecordedBeforeTheStartEndsItAtTheStart() {
        var story = Chronicle()
        let patrol = UUID()
        story.record(PatrolStarted(node: "371502001001"), about: patrol, at: Self.october(1, 18))
        // A clock gone back: canonical order still puts the start first (same device, later cseq).
        story.record(PatrolEnded(), about: patrol, at: Self.october(1, 17))
        let ended = Patrols.fold(story.events)[patrol]
        #expect(ended?.isUnderWay == false && ended?.hours == 0)
    }

    @Test func coverageCountsTheRequiredSlotsAPatrolWasUnderWayIn() {
        var story = Chronicle()
        let after = UUID(), night = UUID()
        story.record(PatrolStarted(node: "371502001001"), about: after, at: Self.october(1, 17.5))
        story.record(PatrolEnded(), about: after, at: Self.october(1, 18.5))
        story.record(PatrolStarted(node: "371502001001"), about: night, at: Self.october(2, 19.5))   // over the 20:00 boundary
        story.record(PatrolEnded(), about: night, at: Self.october(2, 20.5))
        let patrols = Patrols.fold(story.events)
        // The defaults: 秋收 from 09-20, both evening slots. As of 10-03 10:00, two days have passed.
        let coverage = PatrolCoverage(patrols: patrols, grid: Self.grid, within: "371502001", month: ReviewMonth("2026-10")!, asOf: Self.october(3, 10))
        #expect(coverage.cells.map(\.required) == [4, 4])
        #expect(coverage.cells.map(\.done) == [3, 0])
        #expect(coverage.notPatrolled.map(\.node) == ["371502001002"])
        #expect(coverage.bySlot[.afterWork] == PatrolCoverage.Figure(required: 4, done: 2))
        #expect(coverage.townships.first?.cellsNotPatrolled == 1 && coverage.officers.map(\.patrols) == [2])
        // Later the same evening the after-work slot of 10-03 has passed too.
        let evening = PatrolCoverage(patrols: patrols, grid: Self.grid, within: "371502001", month: ReviewMonth("2026-10")!, asOf: Self.october(3, 20.5))
        #expect(evening.cells.map(\.required) == [5, 5])
    }

    @Test func aSeasonMayRunOverTheNewYearAndANodeMaySwitchPatrolsOff() {
        let winter = PatrolSeason(name: "采暖季", from: "11-15", to: "03-15", slots: [.firstHalfOfNight])
        #expect(winter.contains(month: 12, day: 31) && winter.contains(month: 1, day: 1) && !winter.contains(month: 6, day: 1))
        #expect(PatrolSeason.dayOfYear("02-30") == nil && PatrolSeason.dayOfYear("2-1") == nil && PatrolSeason.dayOfYear("02-29") == 229)
        var story = Chronicle()
        story.record(PatrolSeasonsDefined(node: "371502001", seasons: []), about: UUID())
        let coverage = PatrolCoverage(patrols: Patrols.fold(story.events), grid: Self.grid, within: "371502", month: ReviewMonth("2026-10")!,
                                      asOf: Self.october(20, 0))
        #expect(coverage.cells.allSatisfy { $0.required == 0 })
        #expect(throws: InvalidValue.self) {
            try PatrolSeasonsDefined(node: "371502", seasons: [PatrolSeason(name: "雨前", from: "06-01", to: "06-30", slots: [.beforeRain])]).check(recordedAt: Self.october(1, 0))
        }
    }

    @Test func anAlertRequiresEveryClockSlotInEveryCellItCoversAndAcceptsChecksOnlyWhileInForce() {
        var story = Chronicle()
        let alert = UUID()
        // No season in December; an orange alert over the township from 12-01 08:00 until 12-03.
        let start = Self.october(62, 0)  // 2026-12-01 00:00 Beijing
        story.record(AlertDeclared(node: "371502001", level: .orange, until: start.adding(milliseconds: 2 * 86_400_000)), about: alert,
                     by: "supervisor.zhao", at: start.adding(milliseconds: 8 * 3_600_000))
        story.record(AlertCheckRecorded(target: .dustSite, place: UUID(), results: ["停止土石方作业和拆除作业": true]), about: alert,
                     at: start.adding(milliseconds: 9 * 3_600_000))
        story.record(AlertLifted(), about: alert, by: "supervisor.zhao", at: start.adding(milliseconds: 30 * 3_600_000))
        story.record(AlertCheckRecorded(target: .dustSite, place: UUID(), results: ["停止土石方作业和拆除作业": false]), about: alert,
                     at: start.adding(milliseconds: 31 * 3_600_000))
        let alerts = Alerts.fold(story.events)
        #expect(alerts[alert]?.checks.count == 1 && alerts.orphans.count == 1)
        // In force on 12-01 evening only (lifted 12-02 06:00): both slots of one day, in both cells.
        let coverage = PatrolCoverage(patrols: Patrols(), grid: Self.grid, within: "371502001", month: ReviewMonth("2026-12")!,
                                      asOf: start.adding(milliseconds: 3 * 86_400_000), alerts: alerts.overlapping(start..<start.adding(milliseconds: 31 * 86_400_000)))
        #expect(coverage.cells.map(\.required) == [2, 2] && coverage.cells.map(\.done) == [0, 0])
    }
}

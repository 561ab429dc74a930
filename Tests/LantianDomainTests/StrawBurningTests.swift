import Foundation
import LantianTestSupport
import Testing
@testable import LantianDomain

@Suite struct StrawBurningTests {
    static let field = try! GeoPoint(latitude: 36.45, longitude: 115.98)

    @Test(arguments: [
        ("2026-06-01 16:59", nil), ("2026-06-01 17:00", RiskySlot.afterWork), ("2026-06-01 19:59", .afterWork),
        ("2026-06-01 20:00", .firstHalfOfNight), ("2026-06-01 23:59", .firstHalfOfNight), ("2026-06-02 00:00", nil),
        ("2026-06-02 03:00", nil), ("2026-06-02 10:00", nil),
    ])
    func theRiskySlotIsDerivedFromBeijingTimeWhereTheClockDecides(_ time: String, _ slot: RiskySlot?) throws {
        #expect(RiskySlot.derived(from: try BeijingTime.parse(time)) == slot)
    }

    @Test func aSlotOnlyPeopleKnowIsKeptAsAsked() throws {
        let report = try FirePointReport(location: Self.field, observedAt: try BeijingTime.parse("2026-06-01 10:00"), note: "",
                                         riskySlot: .beforeRain)
        #expect(report.riskySlot == .beforeRain)
        let derived = try FirePointReport(location: Self.field, observedAt: try BeijingTime.parse("2026-06-01 18:30"), note: "")
        #expect(derived.riskySlot == .afterWork)
    }

    @Test func theFirstFirePointsPayloadsStillRead() throws {
        let old = Data(#"{"location":{"lat":36.4512,"lon":115.9853},"note":"冒烟","observedAt":1780313400000}"#.utf8)
        let report = try PayloadCodec.decode(FirePointReport.self, from: old)
        #expect(report.source == .patrol && report.evidence.isEmpty && report.estimatedAreaSquareMetres == nil)
        #expect(report.riskySlot == .afterWork)  // 19:30 Beijing time
    }

    @Test func responseAndAccountabilityFollowTheFirePoint() throws {
        let fire = UUID()
        var story = Chronicle()
        let observed = try BeijingTime.parse("2026-06-01 19:30")
        story.record(try FirePointReport(location: Self.field, observedAt: observed, note: "麦茬", source: .satellite, estimatedAreaSquareMetres: 300), about: fire)
        story.record(FireResponseRecorded(extinguishedAt: Timestamp(millisecondsSince1970: observed.millisecondsSince1970 + 25 * 60_000), by: "村扑火队"), about: fire)
        story.record(FireAccountabilityRecorded(responsible: "李某", measure: "罚款 200 元"), about: fire, by: "staff.wang")
        let point = try #require(FirePoints.fold(story.events)[fire])
        #expect(point.responseMinutes == 25)
        #expect(point.accountability.map(\.responsible) == ["李某"])
        #expect(point.report.source == .satellite)
    }

    @Test func aResponseToAnUnknownFirePointIsKeptInSight() {
        var story = Chronicle()
        story.record(FireResponseRecorded(extinguishedAt: Timestamp(millisecondsSince1970: 0), by: "x"), about: UUID())
        #expect(FirePoints.fold(story.events).orphans.count == 1)
    }

    @Test func anImpossibleAreaIsRefused() {
        #expect(throws: InvalidValue(field: "area", rule: .mustBePositive)) {
            try FirePointReport(location: Self.field, observedAt: Timestamp(millisecondsSince1970: 0), note: "", estimatedAreaSquareMetres: -5)
        }
    }
}

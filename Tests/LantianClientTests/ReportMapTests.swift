import Foundation
import LantianDomain
import Testing
@testable import LantianClient

/// Issue 23: the report has a map drawn from the grid's own boundaries: the city's counties shaded
/// by the month's fire points as this device holds them (hatched where it holds none), the county in
/// focus outlined, its fire points and issues marked in shapes that read in black and white.
@Suite struct ReportMapTests {
    let now = Timestamp(millisecondsSince1970: 1_793_000_000_000)  // 2026-10-26

    func client() throws -> FieldClient {
        let client = try freshClient()
        func square(_ west: Double, _ south: Double) -> GeoBoundary {
            GeoBoundary(polygons: [[[[west, south], [west + 0.3, south], [west + 0.3, south + 0.3], [west, south + 0.3], [west, south]]]])
        }
        try pretendSynced(client, [
            (GridNodeDefined.subject(for: "371500"), GridNodeDefined.eventType, GridNodeDefined(code: "371500", name: "聊城市", level: .city, parent: nil)),
            (GridNodeDefined.subject(for: "371502"), GridNodeDefined.eventType,
             GridNodeDefined(code: "371502", name: "东昌府区", level: .county, parent: "371500", boundary: square(115.9, 36.3))),
            (GridNodeDefined.subject(for: "371521"), GridNodeDefined.eventType,
             GridNodeDefined(code: "371521", name: "阳谷县", level: .county, parent: "371500", boundary: square(115.6, 36.0))),
            (GridNodeDefined.subject(for: "371502001"), GridNodeDefined.eventType,
             GridNodeDefined(code: "371502001", name: "古楼街道", level: .township, parent: "371502")),
            (UserRegistered.subject(for: "officer.zhang"), UserRegistered.eventType,
             UserRegistered(name: "officer.zhang", role: .gridOfficer, scope: "371502001")),
        ])
        return client
    }

    @Test func countiesAreShadedByTheMonthsFirePointsAndTheCountysRecordsAreMarked() throws {
        let client = try client()
        let place = try GeoPoint(latitude: 36.45, longitude: 116.05)
        _ = try client.reportFirePoint(location: place, observedAt: now.adding(milliseconds: -3_600_000), note: "麦茬地冒烟", now: now)
        _ = try client.reportTicket(category: .dust, node: nil, location: place, title: "渣土未覆盖", note: "", evidence: [], now: now)
        let grid = try client.store.grid()
        let county = try #require(grid["371502"])
        let map = try client.reportMap(county: county, month: ReviewMonth(containing: now), texts: Texts(.chinese), now: now.adding(milliseconds: 60_000))

        #expect(map.areas.map(\.name).sorted() == ["东昌府区", "阳谷县"])
        #expect(map.areas.first { $0.isFocus }?.name == "东昌府区")
        #expect(map.areas.first { $0.name == "东昌府区" }?.value == 1)
        #expect(map.areas.first { $0.name == "阳谷县" }?.value == nil, "a county outside the user's scope is shown as holding data")
        #expect(Set(map.marks.map(\.kind)) == [.firePoint, .openIssue])

        let svg = map.rendered
        #expect(svg.contains("东昌府区") && svg.contains("阳谷县") && svg.contains("url(#no-data)"))
        #expect(svg.contains("class=\"mark fire\"") && svg.contains("class=\"mark open\"") && svg.contains("本月火点"))
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }

    @Test func aMonthBeforeTheFiresHasNoneOnItsMap() throws {
        let client = try client()
        _ = try client.reportFirePoint(location: try GeoPoint(latitude: 36.45, longitude: 116.05), observedAt: now, note: "", now: now)
        let county = try #require(try client.store.grid()["371502"])
        let september = try client.reportMap(county: county, month: ReviewMonth(year: 2026, month: 9), texts: Texts(.chinese), now: now)
        #expect(september.marks.isEmpty)
        #expect(september.areas.first { $0.isFocus }?.value == 0)
    }
}

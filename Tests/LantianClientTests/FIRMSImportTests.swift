import Foundation
import LantianFiles
import LantianDomain
import LantianStore
import Testing
@testable import LantianClient

/// Satellite fire points over the real Liaocheng grid.
@Suite struct FIRMSImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures").standardized
    static let modis = fixtures.appendingPathComponent("firms-modis-c61-nrt-2022-05-28-to-06-03-north-china.csv").path

    /// A client holding, as if synced, Liaocheng's grid (boundaries converted from GCJ-02) and one
    /// user with `role`.
    static func liaochengClient(role: Role) throws -> FieldClient {
        let client = try freshClient(user: "user")
        let files = GridFiles(cityCode: "371500", cityName: "聊城市", counties: fixtures.appendingPathComponent("liaocheng/counties.geojson").path,
                              townships: fixtures.appendingPathComponent("liaocheng/townships.csv").path, cells: nil, datum: .gcj02)
        try pretendSynced(client, try files.nodes().map { (GridNodeDefined.subject(for: $0.code), GridNodeDefined.eventType, $0) }
                          + [(UserRegistered.subject(for: "user"), UserRegistered.eventType, UserRegistered(name: "user", role: role, scope: "371500"))])
        return client
    }

    static let now = Timestamp(millisecondsSince1970: 1_780_000_000_000)

    /// Expected counts worked out independently by `Fixtures/firms-liaocheng-counts.py`: its own
    /// GCJ-02 → WGS 84 conversion of the county boundaries, its own even-odd ray casting, Python's
    /// csv module. Of the 736 detections, 22 fall in Liaocheng; 10 of them have confidence ≥ 50.
    static let allPoints: [String: Int] = ["371502": 11, "371503": 1, "371521": 3, "371522": 1, "371525": 3, "371581": 3]
    static let atLeastFifty: [String: Int] = ["371502": 6, "371525": 1, "371581": 3]

    @Test func eachPointIsPlacedInItsCountyAsCountedIndependently() throws {
        let client = try Self.liaochengClient(role: .supervisor)
        let report = try client.importFIRMS(path: Self.modis, minimumPercent: 0, minimumLevel: .low, maxAgeHours: nil, now: Self.now)
        #expect(report.importedByCounty == Self.allPoints)
        #expect(report.outsideGrid == 736 - 22)
        #expect(report.problems.isEmpty)

        let points = try client.firePoints()
        #expect(points.count == 22 && points.allSatisfy { $0.report.source == .satellite })
        let leads = try client.wholeTickets(try client.tickets(TicketFilter(category: .strawBurning), now: Self.now))
        #expect(leads.count == 22)
        #expect(Set(leads.map(\.report.node)) == Set(Self.allPoints.keys))  // in the county's queue, for assignment to a township
        #expect(leads.allSatisfy { $0.conflicts.isEmpty && $0.state == .reported })
        // Each lead its own title (the county, the pass and where), linked to its fire point.
        #expect(Set(leads.map(\.report.title)).count == 22)
        #expect(Set(leads.compactMap(\.report.origin)) == Set(points.map(\.id)))
    }

    /// Detections older than the limit (72 hours by default) are history for the reviews: fire
    /// points, but no leads, since nobody can act on a fire days old.
    @Test func oldDetectionsAreHistoryNotLeads() throws {
        let client = try Self.liaochengClient(role: .supervisor)
        let report = try client.importFIRMS(path: Self.modis, minimumPercent: 0, minimumLevel: .low, now: Self.now)  // 2026; the file is 2022
        #expect(report.imported == 22 && report.historyOnly == 22)
        #expect(try client.firePoints().count == 22)
        #expect(try client.tickets(TicketFilter(category: .strawBurning), now: Self.now).isEmpty)
    }

    @Test func importingTheSameFileAgainCreatesNothing() throws {
        let client = try Self.liaochengClient(role: .townshipStaff)
        _ = try client.importFIRMS(path: Self.modis, minimumPercent: 0, minimumLevel: .low, now: Self.now)
        let events = try client.store.count()
        let again = try client.importFIRMS(path: Self.modis, minimumPercent: 0, minimumLevel: .low, now: Self.now)
        #expect(again.imported == 0 && again.alreadyImported == 22)
        #expect(try client.store.count() == events)
    }

    @Test func theConfidenceThresholdIsConfigurable() throws {
        let client = try Self.liaochengClient(role: .supervisor)
        let report = try client.importFIRMS(path: Self.modis, minimumPercent: 50, minimumLevel: .nominal, maxAgeHours: nil, now: Self.now)
        #expect(report.importedByCounty == Self.atLeastFifty)
    }

    @Test func aGridOfficerMayNotImportLeads() throws {
        let client = try Self.liaochengClient(role: .gridOfficer)
        #expect(throws: FieldError.stepRefused(.roleNotAllowed(.gridOfficer, step: "reported"))) {
            try client.importFIRMS(path: Self.modis, minimumPercent: 0, minimumLevel: .low, now: Self.now)
        }
    }
}

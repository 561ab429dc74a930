import Foundation
import LantianTestSupport
import Testing
@testable import LantianDomain

@Suite struct DustSiteTests {
    static func site(area: Double, monitoring: Bool = false, video: Bool = false) throws -> DustSiteRegistered {
        try DustSiteRegistered(name: "东昌湖畔工地", kind: .construction, node: "371502001", areaSquareMetres: area,
                               onlineMonitoring: monitoring, video: video)
    }

    @Test func sitesFromTheThresholdUpMustHaveMonitoringAndVideo() throws {
        #expect(try Self.site(area: 5_000).lacksRequiredMonitoring())
        #expect(try Self.site(area: 5_000, monitoring: true).lacksRequiredMonitoring())
        #expect(!(try Self.site(area: 5_000, monitoring: true, video: true).lacksRequiredMonitoring()))
        #expect(!(try Self.site(area: 4_999).lacksRequiredMonitoring()))
        #expect(!(try Self.site(area: 9_000).lacksRequiredMonitoring(threshold: 10_000)))  // Zhoucun's threshold
    }

    @Test func aSiteWithoutAreaIsRefused() {
        #expect(throws: InvalidValue(field: "area", rule: .mustBePositive)) { try Self.site(area: 0) }
    }

    @Test func eachFailedChecklistItemOpensOneIssue() throws {
        let checklist = DustChecklistDefined.sixHundredPercent
        var results = Dictionary(uniqueKeysWithValues: checklist.map { ($0.id, true) })
        results["covering"] = false
        results["vehicle-washing"] = false
        let inspection = try DustSiteInspected(results: results, checklist: checklist, note: "东侧土堆裸露")
        let siteID = UUID()
        let tickets = inspection.ticketsToOpen(site: siteID, registered: try Self.site(area: 8_000), checklist: checklist)
        #expect(tickets.map(\.title) == ["东昌湖畔工地：物料堆放覆盖不达标", "东昌湖畔工地：出入车辆清洗不达标"])
        #expect(tickets.allSatisfy { $0.category == .dust && $0.origin == siteID && $0.node == "371502001" })
    }

    @Test func theChecklistIsConfigurationAndEveryItemMustBeAnswered() throws {
        let local = [ChecklistItem(id: "fencing", chinese: "围挡", english: "fencing"),
                     ChecklistItem(id: "sprinkling", chinese: "定时洒水", english: "scheduled sprinkling")]
        #expect(throws: InvalidValue(field: "sprinkling", rule: .empty)) {
            try DustSiteInspected(results: ["fencing": true], checklist: local)
        }
        #expect(throws: InvalidValue(field: "covering", rule: .notInChecklist)) {
            try DustSiteInspected(results: ["fencing": true, "sprinkling": true, "covering": false], checklist: local)
        }
        let passed = try DustSiteInspected(results: ["fencing": true, "sprinkling": true], checklist: local)
        #expect(passed.ticketsToOpen(site: UUID(), registered: try Self.site(area: 100), checklist: local).isEmpty)
    }

    @Test func aReadingOverTheLimitOpensADustfallIssueAndOneAtTheLimitDoesNot() {
        let station = DustfallStationRegistered(code: "S1", name: "古楼站", node: "371502001")
        let over = DustfallReadingRecorded(station: "S1", month: "2026-10", jars: [DustfallTests.b])  // 12.0
        let ticket = over.ticketToOpen(reading: UUID(), station: station, limit: 9)
        #expect(ticket?.category == .dustfall)
        #expect(ticket?.title == "古楼站 2026-10 降尘 12.00 吨/(平方公里·30天)，超过限值 9.0")
        let atLimit = DustfallJar(label: .a, sampleMassGrams: 0.1850, blankMassGrams: 0.0050, openingAreaSquareMetres: 0.02, exposureDays: 30)
        #expect(DustfallReadingRecorded(station: "S1", month: "2026-10", jars: [atLimit]).ticketToOpen(reading: UUID(), station: station, limit: 9) == nil)
    }
}

@Suite struct LocalSettingsTests {
    @Test func aThresholdSetForACountyAppliesToSitesBelowItAndNowhereElse() throws {
        var story = Chronicle()
        for event in GridTests.grid.nodes.values.sorted(by: { $0.level < $1.level }) {
            story.record(event, about: GridNodeDefined.subject(for: event.code), by: "admin")
        }
        story.record(DustMonitoringThresholdSet(node: "371502", squareMetres: 10_000), about: UUID(), by: "admin")
        let inCounty = UUID()
        story.record(try DustSiteTests.site(area: 8_000), about: inCounty)
        let sites = DustSites.fold(story.events)
        #expect(sites.monitoringThreshold(for: "371502001") == 10_000)
        #expect(sites.monitoringThreshold(for: "999") == 5_000)
        #expect(!sites.lacksRequiredMonitoring(try #require(sites[inCounty])))  // 8,000 m² is under Zhoucun-style 10,000
    }
}

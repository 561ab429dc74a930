import Foundation
import LantianTestSupport
import Testing
@testable import LantianDomain

/// One policy across the projections: the first record of a subject stands, and a second record
/// starting the same subject is kept in sight (in `orphans`), never applied over the first.
@Suite struct SecondStartTests {
    /// The catalogue's example of `type`, recorded as cseq `cseq` about `subject`.
    static func example(_ type: EventType, cseq: Int64, subject: UUID, payload: Data? = nil) throws -> Event {
        let definition = try #require(EventCatalogue.definition(of: type))
        var event = Sample.event(cseq: cseq)
        event.type = type
        event.schema = definition.schema
        event.subject = subject
        event.payload = payload ?? definition.example
        return event
    }

    /// The example with one string member changed, so that the second record differs from the first.
    static func changed(_ type: EventType, _ member: String, to value: String) throws -> Data {
        let definition = try #require(EventCatalogue.definition(of: type))
        var object = try #require(try JSONSerialization.jsonObject(with: definition.example) as? [String: Any])
        object[member] = value
        return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }

    static let subject = UUID(uuidString: "0192F0C4-0000-7000-8000-0000000005B1")!

    @Test func aSecondDustSiteRegistrationLeavesTheFirst() throws {
        let first = try Self.example(DustSiteRegistered.eventType, cseq: 1, subject: Self.subject)
        let second = try Self.example(DustSiteRegistered.eventType, cseq: 2, subject: Self.subject,
                                      payload: try Self.changed(DustSiteRegistered.eventType, "name", to: "另一个工地"))
        let sites = DustSites.fold([first, second])
        #expect(sites.byID[Self.subject]?.registration.name != "另一个工地")
        #expect(sites.orphans == [second.id])
    }

    @Test func aSecondStationWithTheSameCodeLeavesTheFirst() throws {
        let first = try Self.example(DustfallStationRegistered.eventType, cseq: 1, subject: Self.subject)
        let second = try Self.example(DustfallStationRegistered.eventType, cseq: 2, subject: Self.subject,
                                      payload: try Self.changed(DustfallStationRegistered.eventType, "name", to: "另一个监测点"))
        let network = DustfallNetwork.fold([first, second])
        #expect(network.stations.values.map(\.name) != ["另一个监测点"])
        #expect(network.orphans == [second.id])
    }

    @Test func aSecondFirePointReportLeavesTheFirst() throws {
        let first = try Self.example(FirePointReport.eventType, cseq: 1, subject: Self.subject)
        let second = try Self.example(FirePointReport.eventType, cseq: 2, subject: Self.subject,
                                      payload: try Self.changed(FirePointReport.eventType, "note", to: "第二次"))
        let points = FirePoints.fold([first, second])
        #expect(points.byID[Self.subject]?.note != "第二次")
        #expect(points.orphans == [second.id])
    }

    @Test func aSecondEnterpriseRegistrationLeavesTheFirst() throws {
        let first = try Self.example(EnterpriseRegistered.eventType, cseq: 1, subject: Self.subject)
        let second = try Self.example(EnterpriseRegistered.eventType, cseq: 2, subject: Self.subject,
                                      payload: try Self.changed(EnterpriseRegistered.eventType, "name", to: "另一家企业"))
        let enterprises = Enterprises.fold([first, second])
        #expect(enterprises.byID[Self.subject]?.registration.name != "另一家企业")
        #expect(enterprises.orphans == [second.id])
    }
}

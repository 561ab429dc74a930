import Foundation
import LantianDomain
import LantianStore
import Testing
@testable import LantianClient

/// Where records are placed in the grid, and which record an id names.
@Suite struct PlacementTests {
    /// A client whose store holds, as if synced, a county with a boundary, a township inside it
    /// with its own boundary, and the user `officer.zhang`, a grid officer of that township.
    static func syncedClient(scope: String = "371502001") throws -> FieldClient {
        let client = try freshClient()
        let county = GeoBoundary(polygons: [[[[115, 36], [117, 36], [117, 38], [115, 38], [115, 36]]]])
        let township = GeoBoundary(polygons: [[[[115, 36], [116, 36], [116, 37], [115, 37], [115, 36]]]])
        try pretendSynced(client, [
            (GridNodeDefined.subject(for: "371502"), GridNodeDefined.eventType,
             GridNodeDefined(code: "371502", name: "东昌府区", level: .county, parent: nil, boundary: county)),
            (GridNodeDefined.subject(for: "371502001"), GridNodeDefined.eventType,
             GridNodeDefined(code: "371502001", name: "古楼街道", level: .township, parent: "371502", boundary: township)),
            (GridNodeDefined.subject(for: "371502001001"), GridNodeDefined.eventType,
             GridNodeDefined(code: "371502001001", name: "北关村", level: .cell, parent: "371502001")),
            (UserRegistered.subject(for: "officer.zhang"), UserRegistered.eventType,
             UserRegistered(name: "officer.zhang", role: .gridOfficer, scope: scope)),
        ])
        return client
    }

    let now = Timestamp(millisecondsSince1970: 1_780_000_000_000)

    @Test func aReportIsPlacedInTheDeepestNodeWhoseBoundaryHoldsIt() throws {
        let client = try Self.syncedClient()
        let event = try client.reportTicket(category: .dust, node: nil, location: try GeoPoint(latitude: 36.5, longitude: 115.5),
                                            title: "渣土未覆盖", note: "", evidence: [], now: now)
        #expect(try PayloadCodec.decode(TicketReported.self, from: event).node == "371502001")
    }

    /// The device places a record as its server will, and refuses what the server would refuse; a
    /// find outside the user's scope is a referral (移交) to where it lies.
    @Test func aReportInsideTheUsersOwnAreaGoesToTheirOwnNodeAndElsewhereIsReferredOrRefusedAsTheServerWould() throws {
        let client = try Self.syncedClient(scope: "371502001001")
        let inOwnTownship = try client.reportTicket(category: .dust, node: nil, location: try GeoPoint(latitude: 36.5, longitude: 115.5),
                                                    title: "本网格内", note: "", evidence: [], now: now)
        #expect(try PayloadCodec.decode(TicketReported.self, from: inOwnTownship).node == "371502001001")
        let elsewhere = try client.reportTicket(category: .dust, node: nil, location: try GeoPoint(latitude: 37.5, longitude: 116.5),
                                                title: "县内别处", note: "", evidence: [], now: now)
        let referred = try PayloadCodec.decode(TicketReported.self, from: elsewhere)
        #expect(referred.node == "371502" && referred.isReferral)  // the county's queue: it has no township boundaries
        let before = try client.store.count()
        #expect(throws: Refusal.nodeDisagreesWithLocation(stated: "371502001001", located: "371502")) {
            try client.reportTicket(category: .dust, node: "371502001001", location: try GeoPoint(latitude: 37.5, longitude: 116.5),
                                    title: "填了本网格", note: "", evidence: [], now: now)
        }
        #expect(try client.store.count() == before)
    }

    @Test func aLocationOutsideTheGridIsRefusedAndNothingIsWritten() throws {
        let client = try Self.syncedClient()
        let before = try client.store.count()
        let outside = try GeoPoint(latitude: 40, longitude: 115.5)
        #expect(throws: Refusal.outsideGrid(location: outside)) {
            try client.reportFirePoint(location: outside, observedAt: now, note: "", now: now)
        }
        #expect(try client.store.count() == before)
    }

    @Test func aDeviceThatNeverSyncedIsToldToSyncFirst() throws {
        let client = try freshClient()
        #expect(throws: FieldError.gridNotSynced) {
            try client.registerEnterprise(name: "某厂", address: "", node: nil, industry: "", leadSource: .patrol, now: now)
        }
        #expect(Texts(.chinese).describe(FieldError.gridNotSynced).contains("lantian sync"))
    }

    @Test func anIdIsNamedByFourOrMoreOfItsCharactersAndNeverGuessed() throws {
        let client = try Self.syncedClient()
        let ids = [UUID(uuidString: "0192f0c4-0000-7000-8000-00000000abcd")!, UUID(uuidString: "0192f0c4-0000-7000-8000-00000001abcd")!]
        #expect(try client.resolve("0001abcd", among: ids) == ids[1])
        #expect(try client.resolve(ids[0].uuidString, among: ids) == ids[0])
        #expect(throws: FieldError.ambiguousRecord("abcd", candidates: ["0000abcd", "0001abcd"])) { try client.resolve("abcd", among: ids) }
        #expect(throws: FieldError.noSuchRecord("abc")) { try client.resolve("abc", among: ids) }
        #expect(throws: FieldError.noSuchRecord("ffff")) { try client.resolve("ffff", among: ids) }
    }
}

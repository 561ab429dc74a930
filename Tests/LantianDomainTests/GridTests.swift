import Foundation
import LantianTestSupport
import Testing
@testable import LantianDomain

@Suite struct GridTests {
    /// A county square with a hole (a lake), and one township square inside it.
    static let county = GeoBoundary(polygons: [[
        [[115, 36], [117, 36], [117, 38], [115, 38], [115, 36]],
        [[116.5, 37.5], [116.9, 37.5], [116.9, 37.9], [116.5, 37.9], [116.5, 37.5]],
    ]])
    static let township = GeoBoundary(polygons: [[[[115, 36], [116, 36], [116, 37], [115, 37], [115, 36]]]])

    static var grid: Grid {
        let definitions = [
            GridNodeDefined(code: "371500", name: "聊城市", level: .city, parent: nil),
            GridNodeDefined(code: "371502", name: "东昌府区", level: .county, parent: "371500", boundary: county),
            GridNodeDefined(code: "371502001", name: "古楼街道", level: .township, parent: "371502", boundary: township),
            GridNodeDefined(code: "371502001001", name: "一号网格", level: .cell, parent: "371502001"),
        ]
        return Grid.fold(definitions.enumerated().map { index, node in
            Event(id: UUID(), device: UUID(), cseq: Int64(index + 1), actor: "admin",
                  hlc: HybridTimestamp(wallMilliseconds: Int64(index), counter: 0), recordedAt: Timestamp(millisecondsSince1970: 0),
                  subject: GridNodeDefined.subject(for: node.code), type: GridNodeDefined.eventType, schema: 1,
                  payload: try! PayloadCodec.encode(node))
        })
    }

    @Test func aPointIsPlacedInTheDeepestNodeWhoseBoundaryHoldsIt() throws {
        #expect(Self.grid.locate(try GeoPoint(latitude: 36.5, longitude: 115.5))?.code == "371502001")
        #expect(Self.grid.locate(try GeoPoint(latitude: 37.0, longitude: 116.5))?.code == "371502")
        #expect(Self.grid.locate(try GeoPoint(latitude: 37.7, longitude: 116.7)) == nil)  // in the lake
        #expect(Self.grid.locate(try GeoPoint(latitude: 35, longitude: 115.5)) == nil)
    }

    @Test func everyNodeKnowsItsLineageUpToTheCity() {
        #expect(Self.grid.lineage(of: "371502001001").map(\.level) == [.cell, .township, .county, .city])
        #expect(Self.grid.enclosing("371502001001", at: .township)?.name == "古楼街道")
        #expect(Self.grid.node("371502001001", isWithin: "371502"))
        #expect(!Self.grid.node("371502", isWithin: "371502001"))
        #expect(Self.grid.children(of: "371502").map(\.code) == ["371502001"])
    }

    @Test func nameBasedIdsFollowRFC9562() {
        let dns = UUID(uuidString: "6ba7b810-9dad-11d1-80b4-00c04fd430c8")!
        #expect(UUID.version5(name: "www.example.com", namespace: dns) == UUID(uuidString: "2ed6657d-e927-568b-95e1-2665a8aea6a2"))
        #expect(GridNodeDefined.subject(for: "371502") == GridNodeDefined.subject(for: "371502"))
        #expect(GridNodeDefined.subject(for: "371502") != UserRegistered.subject(for: "371502"))
    }
}

import Foundation
@testable import LantianDomain
import Testing
@testable import LantianFiles

@Suite struct ExportsTests {
    @Test func csvStartsWithAByteOrderMarkAndQuotesWhatNeedsIt() throws {
        let data = try Exports.csv(header: ["名称", "备注"], rows: [["古楼街道", "含,逗号"], ["柳园", "有\"引号\"\n和换行"]])
        #expect(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let path = try scratchFile("e.csv", "")
        try data.write(to: URL(fileURLWithPath: path))
        let file = try CSVFile(path: path)
        #expect(file.header == ["名称", "备注"])
        #expect(file.records.map { $0["备注"] } == ["含,逗号", "有\"引号\"\n和换行"])
    }

    @Test func geoJSONFollowsRFC7946LongitudeFirstAndLeavesOutWhatHasNoPlace() throws {
        let data = try Exports.geoJSON([
            (try GeoPoint(latitude: 36.45, longitude: 115.98), ["name": "火点"]),
            (nil, ["name": "无位置"]),
        ])
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["type"] as? String == "FeatureCollection")
        let features = try #require(document["features"] as? [[String: Any]])
        #expect(features.count == 1)
        let geometry = try #require(features[0]["geometry"] as? [String: Any])
        #expect(geometry["type"] as? String == "Point")
        let position = try #require(geometry["coordinates"] as? [Double])
        #expect(position == [115.98, 36.45])
        #expect((-180...180).contains(position[0]) && (-90...90).contains(position[1]))
        #expect((features[0]["properties"] as? [String: Any])?["name"] as? String == "火点")
    }

    @Test func open311MapsTheWorkflowOntoOpenAndClosedWithTheDetailInStatusNotes() throws {
        func ticket(_ state: TicketState) -> Ticket {
            Ticket(id: UUID(), report: TicketReported(category: .dust, node: "371502001", title: "渣土未覆盖",
                                                      location: try! GeoPoint(latitude: 36.45, longitude: 115.98)),
                   reportedBy: "officer.zhang", reportedAt: Timestamp(millisecondsSince1970: 1_780_000_000_000), state: state,
                   closedAt: state == .closed ? Timestamp(millisecondsSince1970: 1_780_100_000_000) : nil, evidence: [])
        }
        let data = try Exports.open311([ticket(.rectifying), ticket(.closed)].map(TicketSummary.init), grid: Grid())
        let requests = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(requests.map { $0["status"] as? String } == ["open", "closed"])
        #expect(requests.map { $0["status_notes"] as? String } == ["rectifying", "closed"])
        #expect(requests[1]["updated_datetime"] as? String != nil && requests[0]["updated_datetime"] == nil)
        #expect(requests[0]["lat"] as? Double == 36.45 && requests[0]["long"] as? Double == 115.98)
        #expect(requests[0]["service_code"] as? String == "dust")
        #expect(requests[0]["service_name"] as? String == "扬尘", "Open311's service_name repeated the code")
    }
}

@Suite struct RecordExportTests {
    struct Row: Encodable {
        var name: String
        var count: Int
        var closed: Bool
        var tags: [String]
        var note: String?
    }

    @Test func recordsBecomeColumnsInKeyOrderWithListsJoined() throws {
        let data = try Exports.csv(records: [Row(name: "古楼街道", count: 3, closed: true, tags: ["a", "b"], note: nil),
                                             Row(name: "柳园, 东", count: 0, closed: false, tags: [], note: "备注")])
        let path = try scratchFile("r.csv", "")
        try data.write(to: URL(fileURLWithPath: path))
        let file = try CSVFile(path: path)
        #expect(file.header == ["closed", "count", "name", "note", "tags"])
        #expect(file.records.map { [$0["closed"], $0["count"], $0["name"], $0["note"], $0["tags"]] } == [
            ["true", "3", "古楼街道", nil, "a;b"], ["false", "0", "柳园, 东", "备注", nil],
        ])
    }
}

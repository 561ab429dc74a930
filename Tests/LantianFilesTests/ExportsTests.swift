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
        let photo = Evidence(sha256: String(repeating: "ab", count: 32), fileName: "现场.jpg")
        func ticket(_ state: TicketState) -> Ticket {
            var ticket = Ticket(id: UUID(), report: TicketReported(category: .dust, node: "371502001001", title: "渣土未覆盖",
                                                                   location: try! GeoPoint(latitude: 36.45, longitude: 115.98)),
                                reportedBy: "officer.zhang", reportedAt: Timestamp(millisecondsSince1970: 1_780_000_000_000), state: state,
                                closedAt: state == .closed ? Timestamp(millisecondsSince1970: 1_780_100_000_000) : nil, evidence: [])
            ticket.history = [.init(event: UUID(), kind: .rectificationReported, actor: "staff.wang", at: Timestamp(millisecondsSince1970: 1_780_050_000_000),
                                    note: "已覆盖", evidence: [photo])]
            return ticket
        }
        let grid = Grid(nodes: [
            GridNodeDefined(code: "371500", name: "聊城市", level: .city, parent: nil),
            GridNodeDefined(code: "371502", name: "东昌府区", level: .county, parent: "371500"),
            GridNodeDefined(code: "371502001", name: "古楼街道", level: .township, parent: "371502"),
            GridNodeDefined(code: "371502001001", name: "古楼街道第一网格", level: .cell, parent: "371502001"),
        ])
        let data = try Exports.open311([ticket(.rectifying), ticket(.closed)], grid: grid, arrived: ReceivedAttachments(digests: [photo.sha256]),
                                       server: "lantian.example.cn:7443")
        let requests = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(requests.map { $0["status"] as? String } == ["open", "closed"])
        #expect(requests.map { $0["status_notes"] as? String } == ["rectifying", "closed"])
        // The last step, whatever it was: the rectification report, not only a close-out.
        #expect(requests.map { $0["updated_datetime"] as? String } == Array(repeating: BeijingTime.iso8601(Timestamp(millisecondsSince1970: 1_780_050_000_000)), count: 2))
        #expect(requests[0]["media_url"] as? String == "lantian://lantian.example.cn:7443/evidence/" + photo.sha256)
        #expect(requests[0]["address"] as? String == "聊城市东昌府区古楼街道第一网格", "the address repeated the township")
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
                                             Row(name: "柳园, 东", count: 0, closed: false, tags: [], note: "备注")],
                                   columns: CSVColumns(header: { $0 }, value: { $1.text }))
        let path = try scratchFile("r.csv", "")
        try data.write(to: URL(fileURLWithPath: path))
        let file = try CSVFile(path: path)
        #expect(file.header == ["name", "count", "closed", "tags", "note"])
        #expect(file.records.map { [$0["closed"], $0["count"], $0["name"], $0["note"], $0["tags"]] } == [
            ["true", "3", "古楼街道", nil, "a;b"], ["false", "0", "柳园, 东", "备注", nil],
        ])
    }
}

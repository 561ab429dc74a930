import Foundation
import LantianDomain
import LantianFiles
import Testing

/// The fire-point list provincial authorities circulate, as an Excel workbook or CSV: each row's
/// time (text or an Excel date), place and county read; an unusable row named by its line.
@Suite struct ProvincialFireListTests {
    static let workbook = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Fixtures/provincial/fire-list-2022-05.xlsx").standardized.path

    @Test func theWorkbookIsReadRowByRowWithExcelDatesAsBeijingTime() throws {
        let list = try ProvincialFireList(path: Self.workbook)
        #expect(list.problems.isEmpty)
        #expect(list.entries.map(\.line) == [2, 3, 4, 5])
        #expect(list.entries.map(\.county) == ["东昌府区", "阳谷县", "冠县", "冠县"])
        #expect(list.entries.map { BeijingTime.format($0.observedAt) } == ["2022-05-29 11:02", "2022-05-30 13:23", "2022-05-30 13:23", "2022-05-30 13:23"])
        #expect(list.entries[0].location == (try GeoPoint(latitude: 36.50606, longitude: 115.92845)))
        #expect(list.entries[1].chineseNote == "省级火点通报：山东省聊城市阳谷县")
    }

    @Test func theSameColumnsAsCSVReadAlikeAndABadRowIsNamed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fire-list-\(UUID()).csv").path
        let csv = "时间,中心经度,中心纬度,省,市,县\n2022-05-29 11:02,115.92845,36.50606,山东省,聊城市,东昌府区\n昨天,115.9,36.5,山东省,聊城市,东昌府区\n"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(csv.utf8)))
        let list = try ProvincialFireList(path: path)
        #expect(list.entries.map(\.line) == [2])
        #expect(list.problems.map(\.line) == [3] && list.problems[0].reason.chinese.contains("时间“昨天”"))
    }

    @Test func aFileThatIsNeitherIsRefusedNamingWhatIsMissing() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-list-\(UUID()).csv").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data("a,b\n1,2\n".utf8)))
        #expect(throws: ImportError.self) { try ProvincialFireList(path: path) }
        let zip = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID()).xlsx").path
        #expect(FileManager.default.createFile(atPath: zip, contents: Data("PK\u{3}\u{4}garbage".utf8)))
        #expect(throws: ImportError.notSpreadsheet(path: zip, reason: "not a ZIP archive")) { try ProvincialFireList(path: zip) }
    }
}

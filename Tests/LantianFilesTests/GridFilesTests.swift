import Foundation
import LantianDomain
import Testing
@testable import LantianFiles

/// The repository's fixtures folder.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Fixtures").standardized

func scratchFile(_ name: String, _ content: String, bom: Bool = false) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lantian-import-\(UUID())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent(name).path
    #expect(FileManager.default.createFile(atPath: path, contents: (bom ? Data([0xEF, 0xBB, 0xBF]) : Data()) + Data(content.utf8)))
    return path
}

@Suite struct GridFilesTests {
    static let liaocheng = GridFiles(
        cityCode: "371500", cityName: "聊城市", counties: fixtures.appendingPathComponent("liaocheng/counties.geojson").path,
        townships: fixtures.appendingPathComponent("liaocheng/townships.csv").path,
        cells: fixtures.appendingPathComponent("liaocheng/cells.csv").path, datum: .gcj02)

    @Test func liaochengHasEightCountiesAndTheirHundredAndThirtySixTownships() throws {
        let nodes = try Self.liaocheng.nodes()
        let byLevel = Dictionary(grouping: nodes, by: \.level).mapValues(\.count)
        #expect(byLevel == [.city: 1, .county: 8, .township: 136, .cell: 408])
        #expect(nodes.first { $0.code == "371502" }?.name == "东昌府区")
        #expect(nodes.first { $0.code == "371502001" }?.parent == "371502")
        #expect(nodes.filter { $0.level == .county }.allSatisfy { $0.boundary != nil })
    }

    @Test func boundariesAreConvertedFromGCJ02ToWGS84() throws {
        var raw = Self.liaocheng
        raw.datum = .wgs84
        let converted = try #require(try Self.liaocheng.nodes().first { $0.code == "371502" }?.boundary?.polygons.first?.first?.first)
        let original = try #require(try raw.nodes().first { $0.code == "371502" }?.boundary?.polygons.first?.first?.first)
        let metres = ((converted[0] - original[0]) * 111_320 * cos(36.4 * .pi / 180), (converted[1] - original[1]) * 111_320)
        #expect((200...800).contains((metres.0 * metres.0 + metres.1 * metres.1).squareRoot()))
    }

    @Test func importingTheSameFilesTwiceGivesTheSameNodes() throws {
        #expect(try Self.liaocheng.nodes() == Self.liaocheng.nodes())
    }

    @Test func aCSVWithAByteOrderMarkReadsTheSame() throws {
        var files = Self.liaocheng
        files.cells = nil
        let plain = try files.nodes()
        files.townships = try scratchFile("t.csv", try String(contentsOfFile: files.townships, encoding: .utf8), bom: true)
        #expect(try files.nodes() == plain)
    }

    @Test func unusableRowsAreNamedByLineAndNothingIsImported() throws {
        var files = Self.liaocheng
        files.cells = try scratchFile("cells.csv", "code,name,townshipCode\n1,一,371502001\n2,二,999\n,三,371502001\n1,四,371502001\n")
        #expect(throws: ImportError.badRows(path: files.cells!, [
            RowProblem(line: 3, reason: Phrase("townshipCode 999 不在网格中", "townshipCode 999 is not in the grid")),
            RowProblem(line: 4, reason: Phrase("code、name 和 townshipCode 都必须填写", "code, name and townshipCode are all required")),
            RowProblem(line: 5, reason: Phrase("编码 1 出现两次", "code 1 appears twice")),
        ])) { try files.nodes() }
    }

    @Test func aFileOfTheWrongKindIsRefusedSayingWhatWasExpected() throws {
        var files = Self.liaocheng
        files.townships = fixtures.appendingPathComponent("liaocheng/counties.geojson").path
        #expect(throws: ImportError.self) { try files.nodes() }
        files = Self.liaocheng
        files.counties = files.townships
        #expect { try files.nodes() } throws: { error in
            guard case ImportError.notGeoJSON = error else { return false }
            return "\(error)".contains("is not a GeoJSON FeatureCollection")
        }
    }
}

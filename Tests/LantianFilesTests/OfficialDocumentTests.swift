import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import LantianFiles
import Testing
import ZIPFoundation

/// The notice as a Word file: a ZIP of well-formed WordprocessingML whatever text it carries, laid
/// out on GB/T 9704's page, the same bytes for the same document.
@Suite struct OfficialDocumentTests {
    static let document = OfficialDocument(
        issuer: "东昌府区大气污染防治工作领导小组办公室", number: "东环网〔2026〕11号", title: "东昌府区大气污染防治网格化监管2026年10月通报",
        subtitle: "（以月末为准）", recipients: "各乡镇人民政府、街道办事处",
        blocks: [.heading("一、总体情况"), .paragraph("本月新发现问题 2 个。"),
                 .table(.init(header: ["乡镇（街道）", "累计", "整改率"], rows: [["古楼街道", "2", "50%"], ["柳园街道", "0", "—"]], highlighted: [0])),
                 // What an officer typed reaches the document: markup and control characters included.
                 .paragraph("最早未销号：工地<未覆盖>&\"裸土\"\u{1}\u{0B}。")],
        signature: "东昌府区大气污染防治工作领导小组办公室", date: "2026年11月1日")

    @Test func itIsAZipOfWellFormedWordprocessingMLParts() throws {
        let archive = try Archive(data: try Self.document.wordprocessingML(createdAt: Date(timeIntervalSince1970: 1_793_000_000)), accessMode: .read)
        let parts = Set(archive.map(\.path))
        #expect(parts == ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/_rels/document.xml.rels", "word/document.xml",
                          "word/styles.xml", "word/settings.xml", "word/footer1.xml", "word/footer2.xml"])
        for part in parts { #expect(try WordXML(archive, part) != nil, "\(part) is not well-formed XML") }
        let body = try #require(try WordXML(archive, "word/document.xml"))
        #expect(body.text.contains("东环网〔2026〕11号") && body.text.contains("一、总体情况") && body.text.contains("工地<未覆盖>&\"裸土\"。"))
        #expect(body.count["w:tbl"] == 1 && body.count["w:tr"] == 3)
        // A4, and the type area 156 × 225 mm: top 37, bottom 35, left 28, right 26 mm (§5.2).
        #expect(body.attributes["w:pgSz"] == ["w:w": "11906", "w:h": "16838"])
        let margins = try #require(body.attributes["w:pgMar"])
        #expect([margins["w:top"], margins["w:bottom"], margins["w:left"], margins["w:right"]] == ["2098", "1984", "1587", "1474"])
    }

    @Test func theSameDocumentGivesTheSameBytes() throws {
        let date = Date(timeIntervalSince1970: 1_793_000_000)
        #expect(try Self.document.wordprocessingML(createdAt: date) == Self.document.wordprocessingML(createdAt: date))
    }

    @Test func columnsShareTheTypeAreaByWhatTheyHold() {
        let table = OfficialDocument.Table(header: ["编号", "问题", "期限"], rows: [["02ccfb6f", "卫星火点：东昌府区 2022-05-30 13:23（36.481, 116.074）", "2026-10-02 12:00"]])
        let widths = WordPart.columnWidths(table)
        #expect(widths.reduce(0, +) <= WordPart.typeAreaWidth && widths.reduce(0, +) > WordPart.typeAreaWidth - 3)
        #expect(widths[1] > widths[2] && widths[2] > widths[0])
    }

    @Test func theIssuersMarkFitsTheTypeArea() {
        #expect(WordPart.markHalfPoints("东昌府区环委办") == 72)  // short: 36 pt
        let long = WordPart.markHalfPoints("东昌府区大气污染防治工作领导小组办公室")  // 19 characters in 148 mm
        #expect(long == 44)
        #expect(WordPart.markHalfPoints(String(repeating: "长", count: 200)) == 32)  // never below 16 pt: it wraps
    }
}

/// A part's text (its `w:t` runs), how many of each element it has and the attributes of the last of each.
private final class WordXML: NSObject, XMLParserDelegate {
    var text = ""
    var count: [String: Int] = [:]
    var attributes: [String: [String: String]] = [:]
    private var inText = false

    init?(_ archive: Archive, _ part: String) throws {
        guard let entry = archive[part] else { return nil }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        guard parser.parse() else { return nil }
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        count[element, default: 0] += 1
        self.attributes[element] = attributes
        inText = element == "w:t"
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) { inText = false }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { text += string } }
}

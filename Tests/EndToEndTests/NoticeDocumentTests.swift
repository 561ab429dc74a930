import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LantianTestSupport
import Testing
import ZIPFoundation

/// `lantian notice --docx` writes the notice as the office sends it: a Word file LibreOffice opens
/// and prints to A4 without complaint, carrying the document number and what officers recorded.
@Suite struct NoticeDocumentTests {
    @Test func theNoticeIsAWordDocumentLibreOfficeConverts() throws {
        let town = try Town()
        try town.officer.expectSuccess(["issue", "report", "--category", "dust", "--title", "工地<未覆盖>&裸土"])
        try town.syncAll()
        let docx = town.folder.appendingPathComponent("月通报.docx")
        let printed = try town.supervisor.expectSuccess(["notice", "--county", TestGrid.county, "--docx", docx.path, "--number", "东环网〔2026〕11号"])
        #expect(printed.contains("已导出") && !printed.contains("一、总体情况"))  // the file, not the text on screen

        var document = Data()
        let archive = try Archive(url: docx, accessMode: .read)
        _ = try archive.extract(try #require(archive["word/document.xml"])) { document.append($0) }
        let text = try #require(RunText(document)?.text, "word/document.xml is not well-formed XML")
        for phrase in ["大气污染防治工作领导小组办公室", "东环网〔2026〕11号", "月通报", "一、总体情况", "工地<未覆盖>&裸土", "印发"] {
            #expect(text.contains(phrase), "the document lacks \(phrase)")
        }

        let soffice = try #require(["/usr/bin/soffice", "/usr/bin/libreoffice"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                   "LibreOffice is missing: script/bootstrap installs it (libreoffice-writer-nogui)")
        let converted = try run(path: soffice, ["-env:UserInstallation=file://\(town.folder.path)/libreoffice", "--headless", "--convert-to", "pdf",
                                                "--outdir", town.folder.path, docx.path], timeout: 120)
        let pdf = town.folder.appendingPathComponent("月通报.pdf")
        #expect(converted.status == 0 && FileManager.default.fileExists(atPath: pdf.path), "LibreOffice: \(converted.output) \(converted.errors)")
        let info = try run(path: "/usr/bin/pdfinfo", [pdf.path])
        #expect(info.output.contains("595.") && info.output.contains("841.") && info.output.contains("(A4)"), "not A4: \(info.output)")
        let pages = try run(path: "/usr/bin/pdftotext", ["-layout", pdf.path, "-"]).output.replacingOccurrences(of: " ", with: "")
        #expect(pages.contains("东环网〔2026〕11号") && pages.contains("一、总体情况") && pages.contains("—1—"), "the PDF reads: \(pages.prefix(400))")
    }
}

/// The text of a WordprocessingML part's runs (`w:t`), or `nil` when it is not well-formed.
private final class RunText: NSObject, XMLParserDelegate {
    var text = ""
    private var inRun = false

    init?(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        guard parser.parse() else { return nil }
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        inRun = element == "w:t"
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) { inRun = false }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inRun { text += string } }
}

import Foundation
import ZIPFoundation

/// The document as a Word file (.docx: WordprocessingML parts in a ZIP, ECMA-376), laid out as
/// GB/T 9704-2012 《党政机关公文格式》 asks: A4 with a 156 × 225 mm type area (top 37 mm, left 28 mm,
/// §5.2.1–5.2.2), 22 lines of 28 characters in 3号仿宋 (16 pt, §5.2.3–5.2.4), the issuing body's
/// mark in red 小标宋 over a red rule the width of the type area (§7.2.1, §7.2.4), the title in
/// 2号小标宋 two lines under it (§7.3.1), headings in 黑体 (§7.3.3), the date right-aligned four
/// characters in (§7.3.5.1), page numbers as "— 1 —" in 4号, odd pages right and even pages left
/// (§7.5), and the imprint (版记) at the end (§8). Fonts are named as Chinese offices have them
/// (仿宋_GB2312, 方正小标宋简体, 黑体); a machine without them substitutes its own CJK fonts.
extension OfficialDocument {
    /// The .docx bytes; the same document and `createdAt` always give the same bytes.
    public func wordprocessingML(createdAt: Date) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let parts: [(String, String)] = [
            ("[Content_Types].xml", WordPart.contentTypes),
            ("_rels/.rels", WordPart.packageRelationships),
            ("docProps/core.xml", WordPart.coreProperties(title: title, creator: signature, created: createdAt)),
            ("word/_rels/document.xml.rels", WordPart.documentRelationships),
            ("word/document.xml", documentPart),
            ("word/styles.xml", WordPart.styles),
            ("word/settings.xml", WordPart.settings),
            ("word/footer1.xml", WordPart.footer(alignment: "right")),
            ("word/footer2.xml", WordPart.footer(alignment: "left")),
        ]
        for (path, xml) in parts {
            let data = Data(xml.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: createdAt,
                                 compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let bytes = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return bytes
    }

    /// `word/document.xml`: the head, the body and the imprint, in one A4 section.
    var documentPart: String {
        let w = WordPart.self
        var body: [String] = [
            // The issuing body's mark: as large as fits the type area's width, at most 初号-like 36 pt.
            w.paragraph(issuer, font: w.titleFont, halfPoints: w.markHalfPoints(issuer), color: "FF0000", alignment: "center"),
            // The number two lines under it, over the red rule (§7.2.3–7.2.4).
            w.paragraph(number ?? "", alignment: "center", spaceBefore: 2 * w.linePitch, ruleBelow: true),
            w.paragraph(title, font: w.titleFont, halfPoints: 44, alignment: "center", spaceBefore: 2 * w.linePitch, line: 700),
        ]
        if let subtitle { body.append(w.paragraph(subtitle, font: w.kaiFont, alignment: "center")) }
        if let recipients { body.append(w.paragraph(recipients + "：", spaceBefore: w.linePitch)) }
        for block in blocks {
            switch block {
            case .heading(let text): body.append(w.paragraph(text, font: w.headingFont, firstLineChars: 2))
            case .paragraph(let text): body.append(w.paragraph(text, firstLineChars: 2))
            case .table(let table): body.append(w.table(table))
            }
        }
        // The signature centred over the date, the date four characters in from the right (§7.3.5.1).
        let dateIndent = 4, signatureIndent = max(0, dateIndent + (date.count - signature.count) / 2)
        body.append(w.paragraph(signature, alignment: "right", spaceBefore: 2 * w.linePitch, rightChars: signatureIndent))
        body.append(w.paragraph(date, alignment: "right", rightChars: dateIndent))
        // The imprint: who printed it and when, between two rules, at the end (§8.3.2).
        body.append(w.imprint(printer: signature, date: date + "印发"))
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="\(w.main)" xmlns:r="\(w.relationships)"><w:body>\(body.joined())\(w.section)</w:body></w:document>
            """
    }
}

/// The fixed parts of the Word file and the XML of paragraphs and tables, in GB/T 9704's measures.
enum WordPart {
    static let main = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let titleFont = "方正小标宋简体", bodyFont = "仿宋_GB2312", headingFont = "黑体", kaiFont = "楷体_GB2312"
    /// 225 mm over 22 lines, in twentieths of a point (twips).
    static let linePitch = 579
    /// A character of 3号 (16 pt) is 320 twips wide.
    static let characterWidth = 320

    /// The issuing body's mark in half-points: the largest size at which it fits 148 mm (of the
    /// 156 mm type area), no more than 36 pt and no less than 16 pt (a longer name wraps).
    static func markHalfPoints(_ text: String) -> Int {
        let fits = 148.0 / 0.3528 / Double(max(text.count, 1))
        return Int(max(16, min(36, fits.rounded(.down))) * 2)
    }

    static func paragraph(_ text: String, font: String = bodyFont, halfPoints: Int = 32, color: String? = nil, alignment: String = "both",
                          spaceBefore: Int = 0, lineRule: String = "exact", line: Int = linePitch, firstLineChars: Int = 0, rightChars: Int = 0,
                          ruleBelow: Bool = false) -> String {
        var properties = ruleBelow ? "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"12\" w:space=\"11\" w:color=\"FF0000\"/></w:pBdr>" : ""
        properties += "<w:spacing w:before=\"\(spaceBefore)\" w:after=\"0\" w:line=\"\(line)\" w:lineRule=\"\(lineRule)\"/>"
        if firstLineChars > 0 || rightChars > 0 {
            properties += "<w:ind w:firstLine=\"\(firstLineChars * characterWidth)\" w:right=\"\(rightChars * characterWidth)\"/>"
        }
        properties += "<w:jc w:val=\"\(alignment)\"/>"
        return "<w:p><w:pPr>\(properties)</w:pPr>\(run(text, font: font, halfPoints: halfPoints, color: color))</w:p>"
    }

    static func run(_ text: String, font: String = bodyFont, halfPoints: Int = 32, color: String? = nil, bold: Bool = false) -> String {
        guard !text.isEmpty else { return "" }
        let properties = "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"\(escape(font))\"/>"
            + (bold ? "<w:b/>" : "") + (color.map { "<w:color w:val=\"\($0)\"/>" } ?? "") + "<w:sz w:val=\"\(halfPoints)\"/><w:szCs w:val=\"\(halfPoints)\"/>"
        return "<w:r><w:rPr>\(properties)</w:rPr><w:t xml:space=\"preserve\">\(escape(text))</w:t></w:r>"
    }

    /// A table the width of the type area in 小四 (12 pt), its header in 黑体, ruled all round.
    static func table(_ table: OfficialDocument.Table) -> String {
        let widths = columnWidths(table)
        let border = ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>" }.joined()
        func row(_ cells: [String], header: Bool, shaded: Bool) -> String {
            let cells = zip(cells, widths).map { cell, width in
                "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>" + (shaded ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"E6E6E6\"/>" : "") + "<w:vAlign w:val=\"center\"/></w:tcPr>"
                    + "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"400\" w:lineRule=\"atLeast\"/><w:jc w:val=\"center\"/></w:pPr>"
                    + run(cell, font: header ? headingFont : bodyFont, halfPoints: 24) + "</w:p></w:tc>"
            }
            return "<w:tr>" + (header ? "<w:trPr><w:tblHeader/></w:trPr>" : "") + cells.joined() + "</w:tr>"
        }
        let columns = widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined()
        let rows = [row(table.header, header: true, shaded: false)]
            + table.rows.enumerated().map { row($1, header: false, shaded: table.highlighted.contains($0)) }
        return "<w:tbl><w:tblPr><w:tblW w:w=\"\(typeAreaWidth)\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblLayout w:type=\"fixed\"/><w:tblBorders>\(border)</w:tblBorders>"
            + "<w:tblCellMar><w:left w:w=\"60\" w:type=\"dxa\"/><w:right w:w=\"60\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
            + "<w:tblGrid>\(columns)</w:tblGrid>\(rows.joined())</w:tbl>"
            // A paragraph after every table: Word requires one before the next table or the section's end.
            + paragraph("")
    }

    /// Each column's width in twips: the type area shared by how wide each column's longest cell
    /// is (a Chinese character counts two), none narrower than two characters, none wider than
    /// twelve, so a long issue title wraps rather than squeezing the numbers.
    static func columnWidths(_ table: OfficialDocument.Table) -> [Int] {
        let weights = table.header.indices.map { column -> Int in
            let widest = ([table.header] + table.rows).map { row in
                column < row.count ? row[column].unicodeScalars.reduce(0) { $0 + ($1.value < 0x2E80 ? 1 : 2) } : 0
            }.max() ?? 0
            return min(max(widest, 4), 24)
        }
        let total = max(weights.reduce(0, +), 1)
        return weights.map { typeAreaWidth * $0 / total }
    }

    /// 156 mm, in twips.
    static let typeAreaWidth = 8845

    /// The imprint (版记): the printer left, the date right, in 4号 between two rules.
    static func imprint(printer: String, date: String) -> String {
        "<w:p><w:pPr><w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>"
            + "<w:tabs><w:tab w:val=\"right\" w:pos=\"\(typeAreaWidth - characterWidth)\"/></w:tabs><w:spacing w:before=\"\(2 * linePitch)\" w:after=\"0\" w:line=\"\(linePitch)\" w:lineRule=\"exact\"/>"
            + "<w:ind w:left=\"\(characterWidth)\" w:right=\"\(characterWidth)\"/></w:pPr>"
            + run(printer, halfPoints: 28) + "<w:r><w:tab/></w:r>" + run(date, halfPoints: 28) + "</w:p>"
    }

    /// A4, top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; odd and even footers. Lines are 22 to
    /// the page by their exact spacing, not a snapping grid (which LibreOffice doubles for the title).
    static let section = """
        <w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:footerReference w:type="even" r:id="rId4"/>\
        <w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587" w:header="851" w:footer="1247" w:gutter="0"/>\
        <w:docGrid w:linePitch="\(linePitch)"/></w:sectPr>
        """

    /// The page number as "— 1 —" in 4号 (14 pt) 宋体, a character in from the edge it sits on.
    static func footer(alignment: String) -> String {
        let indent = alignment == "right" ? "w:right=\"280\"" : "w:left=\"280\""
        let properties = "<w:rPr><w:rFonts w:ascii=\"宋体\" w:hAnsi=\"宋体\" w:eastAsia=\"宋体\"/><w:sz w:val=\"28\"/></w:rPr>"
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:ftr xmlns:w="\(main)" xmlns:r="\(relationships)"><w:p><w:pPr><w:ind \(indent)/><w:jc w:val="\(alignment)"/></w:pPr>\
            <w:r>\(properties)<w:t xml:space="preserve">— </w:t></w:r><w:r>\(properties)<w:fldChar w:fldCharType="begin"/></w:r>\
            <w:r>\(properties)<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>\(properties)<w:fldChar w:fldCharType="separate"/></w:r>\
            <w:r>\(properties)<w:t>1</w:t></w:r><w:r>\(properties)<w:fldChar w:fldCharType="end"/></w:r>\
            <w:r>\(properties)<w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>
            """
    }

    /// The body's defaults: 3号仿宋 on the 22-line grid, justified.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="\(main)"><w:docDefaults><w:rPrDefault><w:rPr>\
        <w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="\(bodyFont)" w:cs="Times New Roman"/>\
        <w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>\
        <w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="\(linePitch)" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
        <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>\
        <w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
        </w:styles>
        """

    static let settings = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:settings xmlns:w="\(main)"><w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/></w:settings>
        """

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
        <Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
        <Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>\
        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>
        """

    static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="\(relationships)/officeDocument" Target="word/document.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        </Relationships>
        """

    static let documentRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="\(relationships)/styles" Target="styles.xml"/>\
        <Relationship Id="rId2" Type="\(relationships)/settings" Target="settings.xml"/>\
        <Relationship Id="rId3" Type="\(relationships)/footer" Target="footer1.xml"/>\
        <Relationship Id="rId4" Type="\(relationships)/footer" Target="footer2.xml"/>\
        </Relationships>
        """

    static func coreProperties(title: String, creator: String, created: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
            <dc:title>\(escape(title))</dc:title><dc:creator>\(escape(creator))</dc:creator>\
            <dcterms:created xsi:type="dcterms:W3CDTF">\(formatter.string(from: created))</dcterms:created></cp:coreProperties>
            """
    }

    /// Text as XML character data; control characters, which XML 1.0 cannot hold, are left out.
    static func escape(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\t" }))
            .replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LantianDomain
import ZIPFoundation

/// The first worksheet of an Excel workbook (.xlsx: a ZIP of XML parts, ECMA-376), read as a table:
/// its first row the header, every other non-empty row a record with its row number, each cell as
/// the text it holds (a shared string, an inline string, or a number as Excel wrote it).
///
/// ```swift
/// let sheet = try XLSXSheet(path: "火点通报.xlsx")
/// for record in sheet.records { let county = record["县"] }
/// ```
public struct XLSXSheet: Sendable {
    public let path: String
    public let header: [String]
    public let records: [CSVFile.Record]

    /// The most cells a sheet may hold: a county's fire list is hundreds of rows, not millions.
    static let maxCells = 2_000_000

    public init(path: String) throws(ImportError) {
        let url = URL(fileURLWithPath: path)
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch { throw .notSpreadsheet(path: path, reason: "not a ZIP archive") }
        let strings = try Self.part("xl/sharedStrings.xml", of: archive, path: path, required: false).map(SharedStrings.read) ?? []
        // The first worksheet: sheet1.xml before sheet10.xml.
        let sheets: [String] = archive.map { $0.path }.filter { $0.hasPrefix("xl/worksheets/sheet") && $0.hasSuffix(".xml") }
        let sheetName = sheets.min { ($0.count, $0) < ($1.count, $1) }
        guard let sheetName, let sheet = try Self.part(sheetName, of: archive, path: path, required: true) else {
            throw .notSpreadsheet(path: path, reason: "no worksheet")
        }
        let rows: [(number: Int, cells: [Int: String])]
        do throws(Malformed) { rows = try Worksheet.read(sheet, strings: strings) } catch { throw .notSpreadsheet(path: path, reason: error.reason) }
        guard let first = rows.first else { throw .notSpreadsheet(path: path, reason: "the worksheet is empty") }
        let width = (first.cells.keys.max() ?? -1) + 1
        let header = (0..<width).map { (first.cells[$0] ?? "").trimmingCharacters(in: .whitespaces) }
        self.path = path
        self.header = header
        records = rows.dropFirst().compactMap { row in
            let fields = Dictionary(header.enumerated().compactMap { index, name in row.cells[index].map { (name, $0) } }) { first, _ in first }
            return fields.values.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } ? nil : CSVFile.Record(line: row.number, fields: fields)
        }
    }

    /// Refuses the sheet unless it has every one of `columns`, naming the first one missing.
    public func require(_ columns: [String], format: Phrase) throws(ImportError) {
        if let missing = columns.first(where: { !header.contains($0) }) {
            throw .wrongFormat(path: path, expected: format, missing: missing)
        }
    }

    private static func part(_ name: String, of archive: Archive, path: String, required: Bool) throws(ImportError) -> Data? {
        guard let entry = archive[name] else {
            if required { throw .notSpreadsheet(path: path, reason: "no \(name)") }
            return nil
        }
        // Refuse a part that would inflate past what any real sheet needs (a ZIP bomb).
        guard entry.uncompressedSize <= 256 << 20 else { throw .notSpreadsheet(path: path, reason: "\(name) is too large") }
        var data = Data()
        do { _ = try archive.extract(entry, skipCRC32: false) { data.append($0) } } catch {
            throw .notSpreadsheet(path: path, reason: "\(name) cannot be read")
        }
        return data
    }

    struct Malformed: Error { let reason: String }

    /// `xl/sharedStrings.xml`: the text of each `<si>`, its `<t>` runs joined.
    private final class SharedStrings: NSObject, XMLParserDelegate {
        private var strings: [String] = []
        private var current: String?
        private var inText = false

        static func read(_ data: Data) -> [String] {
            let reader = SharedStrings()
            let parser = XMLParser(data: data)
            parser.delegate = reader
            _ = parser.parse()
            return reader.strings
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            if name == "si" { current = "" }
            if name == "t" { inText = true }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText, current != nil { current? += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "t" { inText = false }
            if name == "si", let text = current {
                strings.append(text)
                current = nil
            }
        }
    }

    /// A worksheet's `<sheetData>`: each `<row r=…>` and its cells by column (A = 0).
    private final class Worksheet: NSObject, XMLParserDelegate {
        private let strings: [String]
        private var rows: [(number: Int, cells: [Int: String])] = []
        private var row: (number: Int, cells: [Int: String])?
        private var cell: (column: Int, type: String)?
        private var value = ""
        private var inValue = false
        private var cellCount = 0
        private var problem: String?

        init(strings: [String]) { self.strings = strings }

        static func read(_ data: Data, strings: [String]) throws(Malformed) -> [(number: Int, cells: [Int: String])] {
            let reader = Worksheet(strings: strings)
            let parser = XMLParser(data: data)
            parser.delegate = reader
            guard parser.parse(), reader.problem == nil else {
                throw Malformed(reason: reader.problem ?? "the worksheet is not well-formed XML")
            }
            return reader.rows
        }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "row":
                let number = attributes["r"].flatMap(Int.init) ?? (rows.last?.number ?? 0) + 1
                row = (number, [:])
            case "c":
                cellCount += 1
                guard cellCount <= XLSXSheet.maxCells else { problem = "more than \(XLSXSheet.maxCells) cells"; return parser.abortParsing() }
                let column = attributes["r"].flatMap(Self.column) ?? (row?.cells.keys.max().map { $0 + 1 } ?? 0)
                cell = (column, attributes["t"] ?? "n")
                value = ""
            case "v", "t":
                inValue = cell != nil
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inValue { value += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            switch name {
            case "v", "t":
                inValue = false
            case "c":
                guard let current = cell else { return }
                let text: String
                if current.type == "s" {
                    guard let index = Int(value.trimmingCharacters(in: .whitespaces)), strings.indices.contains(index) else {
                        problem = "a cell names shared string \(value), which the workbook lacks"
                        return parser.abortParsing()
                    }
                    text = strings[index]
                } else {
                    text = value
                }
                row?.cells[current.column] = text
                cell = nil
            case "row":
                if let row { rows.append(row) }
                row = nil
            default: break
            }
        }

        /// The column of a cell reference (`C7` → 2), or `nil` for one that is not a reference.
        static func column(_ reference: String) -> Int? {
            let letters = reference.prefix { $0.isASCII && $0.isLetter }.uppercased()
            guard !letters.isEmpty, letters.count <= 3 else { return nil }
            return letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
        }
    }
}

import CSV
import Foundation
import LantianDomain

/// A CSV file read whole: UTF-8 with or without a byte-order mark, or GBK/GB 18030 as Excel saves
/// it on a Chinese Windows machine (``ChineseText``); a header row, and records that remember
/// their line numbers for error messages.
///
/// ```swift
/// let file = try CSVFile(path: "townships.csv")
/// for record in file.records { let code = record["code"] }
/// ```
public struct CSVFile: Sendable {
    public struct Record: Sendable {
        /// The line the record starts on (the header is line 1).
        public let line: Int
        let fields: [String: String]

        /// The field under `column`, trimmed; `nil` when the column is absent or the field empty.
        public subscript(column: String) -> String? {
            fields[column].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    public let path: String
    public let header: [String]
    public let records: [Record]

    public init(path: String) throws(ImportError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path) }
        try self.init(path: path, data: data)
    }

    public init(path: String, data: Data) throws(ImportError) {
        let text: String
        switch ChineseText.decode(data) {
        case .success(let decoded): text = decoded.text
        case .failure(let stop): throw .notText(path: path, line: stop.line, byte: stop.byte)
        }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true) } catch { throw .notCSV(path: path, reason: "\(error)") }
        self.path = path
        header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
        var records: [Record] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            records.append(Record(line: line, fields: Dictionary(zip(header, row), uniquingKeysWith: { first, _ in first })))
        }
        self.records = records
    }

    /// Refuses the file unless it has every one of `columns`, naming the first one missing.
    public func require(_ columns: [String], format: Phrase) throws(ImportError) {
        if let missing = columns.first(where: { !header.contains($0) }) {
            throw .wrongFormat(path: path, expected: format, missing: missing)
        }
    }
}

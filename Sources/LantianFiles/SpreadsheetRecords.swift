import Foundation
import LantianDomain

/// The records of a list given as an Excel workbook (.xlsx, its first sheet) or as CSV (UTF-8 or
/// GBK), as offices circulate them: a workbook if the file is a ZIP archive (as every .xlsx is),
/// else CSV; refused, naming the first one missing, unless it has every one of `columns`.
enum SpreadsheetRecords {
    static func read(path: String, columns: [String], format: Phrase) throws(ImportError) -> [CSVFile.Record] {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path: path) }
        let magic = (try? handle.read(upToCount: 2)) ?? Data()
        try? handle.close()
        if magic == Data("PK".utf8) {
            let sheet = try XLSXSheet(path: path)
            try sheet.require(columns, format: format)
            return sheet.records
        }
        let file = try CSVFile(path: path)
        try file.require(columns, format: format)
        return file.records
    }
}

import Foundation
import LantianFiles
import LantianDomain

/// What importing satellite fire points did.
public struct FIRMSImportReport: Sendable {
    /// Detections older than this are history, not leads: 72 hours.
    public static let defaultMaxAgeHours = 72

    public var instrument: String
    /// Fire points recorded, each with its lead issue, by county code.
    public var importedByCounty: [String: Int] = [:]
    public var alreadyImported = 0
    public var outsideGrid = 0
    /// Of those imported, points in counties outside the importer's scope: referred (移交) to them.
    public var referred = 0
    /// Of those imported, detections too old to act on: recorded for the reviews, with no lead.
    public var historyOnly = 0
    public var belowThreshold = 0
    /// Rows that could not be read; the other rows were imported.
    public var problems: [RowProblem] = []

    public var imported: Int { importedByCounty.values.reduce(0, +) }
}

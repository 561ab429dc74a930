import Foundation
import LantianFiles
import LantianDomain

/// What importing satellite fire points did.
public struct FIRMSImportReport: Sendable {
    public var instrument: String
    /// Fire points recorded, each with its lead issue, by county code.
    public var importedByCounty: [String: Int] = [:]
    public var alreadyImported = 0
    public var outsideGrid = 0
    /// Points in the grid but outside the importer's scope: the server would refuse them, so they
    /// are left to whoever answers for their county.
    public var outsideScope = 0
    public var belowThreshold = 0
    /// Rows that could not be read; the other rows were imported.
    public var problems: [RowProblem] = []

    public var imported: Int { importedByCounty.values.reduce(0, +) }
}

import Foundation
import LantianFiles
import LantianDomain

/// What importing a month's dust-fall readings did.
public struct DustfallImportReport: Sendable {
    /// Readings recorded, and the issues those over the limit opened.
    public var recorded = 0
    public var opened = 0
    /// Readings identical to the latest one held for that station and month.
    public var alreadyImported = 0
    /// Readings that differ from the one held: recorded as corrections, the later counts.
    public var corrected = 0
    public var problems: [RowProblem] = []
}

import Foundation
import LantianFiles
import LantianDomain
import LantianWire
import LantianStore
import LantianSync

/// What a grid import did.
public struct GridImportReport: Hashable, Sendable {
    /// Codes of the nodes defined (new or changed).
    public var defined: [String]
    public var unchanged: Int
    /// How many nodes the files describe at each level.
    public var levels: [GridLevel: Int]
    /// Codes of the nodes the files no longer hold, now retired.
    public var retired: [String] = []
}

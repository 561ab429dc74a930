import Foundation

/// The "two cuts, three clears" (两断三清) that complete a ban-close.
public enum ClosureItem: String, Codable, Hashable, Sendable, CaseIterable {
    case waterCut = "water-cut"
    case powerCut = "power-cut"
    case rawMaterialsCleared = "raw-materials-cleared"
    case productsCleared = "products-cleared"
    case equipmentCleared = "equipment-cleared"
}

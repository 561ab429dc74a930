import Foundation

/// The "two cuts, three clears" (两断三清) that complete a ban-close.
public enum ClosureItem: String, Codable, Hashable, Sendable, CaseIterable {
    case waterCut = "water-cut"
    case powerCut = "power-cut"
    case rawMaterialsCleared = "raw-materials-cleared"
    case productsCleared = "products-cleared"
    case equipmentCleared = "equipment-cleared"
}

extension ClosureItem: NamedValue {
    /// What users call it.
    public func name(in language: Language) -> String {
        switch self {
        case .waterCut: language.say("断水", "water cut")
        case .powerCut: language.say("断电", "power cut")
        case .rawMaterialsCleared: language.say("清原料", "raw materials cleared")
        case .productsCleared: language.say("清产品", "products cleared")
        case .equipmentCleared: language.say("清设备", "equipment cleared")
        }
    }
}

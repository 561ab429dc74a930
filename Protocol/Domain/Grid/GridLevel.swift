/// The four levels of the grid (四级网格), from the top.
public enum GridLevel: String, Codable, Hashable, Sendable, CaseIterable, Comparable {
    /// City (市).
    case city
    /// County or district (县/区).
    case county
    /// Township or street (乡镇/街道).
    case township
    /// Village or community cell (村/社区网格).
    case cell

    /// The level right below this one; `nil` for a cell.
    public var below: GridLevel? {
        switch self {
        case .city: .county
        case .county: .township
        case .township: .cell
        case .cell: nil
        }
    }

    public static func < (lhs: GridLevel, rhs: GridLevel) -> Bool {
        lhs.depth < rhs.depth
    }

    /// 0 for a city, 3 for a cell.
    private var depth: Int {
        switch self {
        case .city: 0
        case .county: 1
        case .township: 2
        case .cell: 3
        }
    }
}

extension GridLevel {
    /// What users call the level.
    public func name(in language: Language) -> String {
        switch self {
        case .city: language.say("市", "city")
        case .county: language.say("县（区）", "county")
        case .township: language.say("乡镇（街道）", "township")
        case .cell: language.say("村居网格", "cell")
        }
    }
}

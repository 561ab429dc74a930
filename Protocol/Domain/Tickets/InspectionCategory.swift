/// The four kinds of problem a grid officer patrols for.
public enum InspectionCategory: String, Codable, Hashable, Sendable, CaseIterable {
    /// Scattered-polluting enterprises (散乱污企业).
    case scatteredPolluting = "scattered-polluting"
    /// Straw burning (秸秆焚烧).
    case strawBurning = "straw-burning"
    /// Dust from construction sites, road works, stockpiles and roads (扬尘).
    case dust
    /// Dust-fall monitoring (降尘).
    case dustfall
}

/// A reference to a photo or file kept as evidence: its SHA-256 and the name it had.
public struct Evidence: Codable, Hashable, Sendable {
    public var sha256: String
    public var fileName: String

    public init(sha256: String, fileName: String) {
        self.sha256 = sha256
        self.fileName = fileName
    }
}

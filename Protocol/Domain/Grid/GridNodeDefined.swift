import Foundation

/// A grid node was defined, or its name or boundary changed; the latest definition counts.
///
/// The subject is ``GridNodeDefined/subject(for:)`` of the node's code, so every definition of the
/// same node is about the same subject.
public struct GridNodeDefined: EventPayload, Hashable {
    public static let eventType: EventType = "grid.node.defined"
    public static let schema: UInt16 = 1

    /// The statistical code, such as `371502001`.
    public var code: String
    /// The Chinese name, such as `古楼街道`.
    public var name: String
    public var level: GridLevel
    /// The parent's code; `nil` only for the city at the top.
    public var parent: String?
    public var boundary: GeoBoundary?
    /// `true` once the node is retired (撤销: gone from the grid files): kept for the records that
    /// lie in it, nothing new is placed in it.
    public var retired: Bool?

    public var isRetired: Bool { retired == true }

    /// The subject of every event that defines the node with `code`.
    public static func subject(for code: String) -> UUID { .version5(name: "grid:\(code)") }

    public init(code: String, name: String, level: GridLevel, parent: String?, boundary: GeoBoundary? = nil, retired: Bool = false) {
        self.code = code
        self.name = name
        self.level = level
        self.parent = parent
        self.boundary = boundary
        self.retired = retired ? true : nil
    }
}

extension GridNodeDefined {
    public static let definition = EventDefinition(
        GridNodeDefined.self, chinese: "网格定义", english: "grid node defined", recorders: .server, subject: .defines,
        example: GridNodeDefined(code: "371502001", name: "古楼街道", level: .township, parent: "371502"))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(code, "node")
        try Check.text(name, "name", required: true)
        if let parent { try Check.code(parent, "parent") }
        if let boundary { try boundary.validate() }
    }

    public func placement(of event: Event) -> PlacementClaim { .everyone }
}

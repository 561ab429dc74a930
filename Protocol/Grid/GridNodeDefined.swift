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

    /// The subject of every event that defines the node with `code`.
    public static func subject(for code: String) -> UUID { .version5(name: "grid:\(code)") }

    public init(code: String, name: String, level: GridLevel, parent: String?, boundary: GeoBoundary? = nil) {
        self.code = code
        self.name = name
        self.level = level
        self.parent = parent
        self.boundary = boundary
    }
}

/// The grid tree (city → county → township → cell), from node definitions.
///
/// ```swift
/// let grid = try store.project(Grid.self)
/// grid.locate(point)  // the deepest node whose boundary contains the point
/// ```
public struct Grid: Projection {
    public static let eventTypes: Set<EventType> = [GridNodeDefined.eventType]

    public private(set) var nodes: [String: GridNodeDefined] = [:]

    public init() {}

    public mutating func apply(_ event: Event) {
        guard event.type == GridNodeDefined.eventType,
              let node = try? PayloadCodec.decode(GridNodeDefined.self, from: event) else { return }
        nodes[node.code] = node
    }

    public subscript(code: String) -> GridNodeDefined? { nodes[code] }

    /// The node's children, by code.
    public func children(of code: String) -> [GridNodeDefined] {
        nodes.values.filter { $0.parent == code }.sorted { $0.code < $1.code }
    }

    /// The node and its ancestors, from the node up to the top.
    public func lineage(of code: String) -> [GridNodeDefined] {
        var lineage: [GridNodeDefined] = []
        var next: String? = code
        while let code = next, let node = nodes[code], !lineage.contains(node) {
            lineage.append(node)
            next = node.parent
        }
        return lineage
    }

    /// Whether `code` is `ancestor` or lies below it.
    public func node(_ code: String, isWithin ancestor: String) -> Bool {
        lineage(of: code).contains { $0.code == ancestor }
    }

    /// The setting that applies to `code`: the one made for the nearest node of its lineage, itself
    /// first. A code the grid does not know only matches a setting made for it exactly.
    public func nearest<Setting>(_ settings: [String: Setting], for code: String) -> Setting? {
        let lineage = nodes[code] == nil ? [code] : lineage(of: code).map(\.code)
        return lineage.lazy.compactMap { settings[$0] }.first
    }

    /// The township `code` lies in; for a node above township level (a county's own queue) or one the
    /// grid does not know, the node itself. Review figures are kept per this node.
    public func township(of code: String) -> (code: String, name: String) {
        let node = enclosing(code, at: .township) ?? nodes[code]
        return (node?.code ?? code, node?.name ?? code)
    }

    /// The node at `level` that `code` lies in (itself if it is at that level).
    public func enclosing(_ code: String, at level: GridLevel) -> GridNodeDefined? {
        lineage(of: code).first { $0.level == level }
    }

    /// The deepest node whose boundary contains `point`, searching down from the top. A node
    /// without a boundary (a city, say) is passed through to its children.
    public func locate(_ point: GeoPoint) -> GridNodeDefined? {
        func search(_ candidates: [GridNodeDefined]) -> GridNodeDefined? {
            for node in candidates.sorted(by: { $0.code < $1.code }) {
                guard let boundary = node.boundary else {
                    if let deeper = search(children(of: node.code)) { return deeper }
                    continue
                }
                if boundary.contains(point) { return search(children(of: node.code)) ?? node }
            }
            return nil
        }
        return search(nodes.values.filter { $0.parent == nil || nodes[$0.parent!] == nil })
    }
}

import Foundation

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

    /// The grid of these nodes, as a store's table holds them (a node's latest definition).
    public init(nodes: some Sequence<GridNodeDefined>) {
        for node in nodes { self.nodes[node.code] = node }
    }

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

    /// The node as an address, from the top down (聊城市东昌府区古楼街道第一网格): a name that already
    /// begins with its parent's (古楼街道第一网格) stands for both, so no level is written twice.
    public func address(of code: String) -> String {
        lineage(of: code).reversed().map(\.name).reduce(into: [String]()) { names, name in
            if let last = names.last, name.hasPrefix(last) { names[names.count - 1] = name } else { names.append(name) }
        }.joined()
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
            for node in candidates.sorted(by: { $0.code < $1.code }) where !node.isRetired {
                guard let boundary = node.boundary else {
                    if let deeper = search(children(of: node.code)) { return deeper }
                    continue
                }
                if boundary.contains(point) { return search(children(of: node.code)) ?? node }
            }
            return nil
        }
        return search(nodes.values.filter { node in node.parent.map { nodes[$0] == nil } ?? true })
    }
}

extension Grid {
    /// Where a record lies that names `stated` and/or lies at `location`, recorded by a user whose
    /// scope is `scope`: the server's decision (``Admission``), and the device's before it records.
    ///
    /// - A stated node must exist, and every node of its lineage that has a boundary must hold the
    ///   location: otherwise the record is refused with both named.
    /// - Without a stated node, the record lies in the deepest node whose boundary holds the
    ///   location, narrowed to `scope` where the scope lies below that node and its own boundaries
    ///   agree (boundaries may stop at counties, while an officer's cell is known). Without a
    ///   location, or in a grid with no boundaries at all, it lies in `scope`.
    /// - `nil`: neither a node, a location nor a scope says where it lies.
    public func place(stated: String?, location: GeoPoint?, scope: String?) -> Result<String?, Refusal> {
        if let stated {
            guard let node = nodes[stated] else { return .failure(.unknownNode(node: stated)) }
            guard !node.isRetired else { return .failure(.retiredNode(node: stated)) }
            guard let location else { return .success(stated) }
            guard lineage(of: stated).allSatisfy({ $0.boundary?.contains(location) ?? true }) else {
                return .failure(.nodeDisagreesWithLocation(stated: stated, located: locate(location)?.code))
            }
            return .success(stated)
        }
        guard let location, nodes.values.contains(where: { $0.boundary != nil }) else { return .success(scope) }
        guard let located = locate(location) else { return .failure(.outsideGrid(location: location)) }
        if let scope, nodes[scope] != nil, node(scope, isWithin: located.code),
           lineage(of: scope).allSatisfy({ $0.boundary?.contains(location) ?? true }) {
            return .success(scope)
        }
        return .success(located.code)
    }
}

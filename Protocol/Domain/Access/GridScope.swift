/// The part of the grid a user answers for (their scope node and everything below it), and the
/// coarser nodes above it, whose records may concern their area too.
///
/// A grid officer's scope is their cell, township staff's their township, a supervisor's their
/// county or city. Records placed only to a coarser node (a satellite fire point located to its
/// county, a county's checklist) cover every node below, so they overlap each of them.
///
/// ```swift
/// let scope = GridScope(scope: "371502001", grid: grid)
/// scope.contains("371502001001")  // true: a cell of the township
/// scope.overlaps("371502")        // true: the county it lies in
/// ```
public struct GridScope: Hashable, Sendable {
    public let scope: String
    /// The scope node and every node below it.
    public let within: Set<String>
    /// The nodes above the scope node.
    public let above: Set<String>
    /// Every node whose records the user sees: `within` and `above`.
    public let visibleNodes: Set<String>

    public init(scope: String, grid: Grid) {
        self.scope = scope
        var within: Set<String> = [scope]
        var children: [String: [String]] = [:]
        for node in grid.nodes.values { if let parent = node.parent { children[parent, default: []].append(node.code) } }
        var frontier = [scope]
        while let code = frontier.popLast() {
            for child in children[code] ?? [] where within.insert(child).inserted { frontier.append(child) }
        }
        self.within = within
        above = Set(grid.lineage(of: scope).dropFirst().map(\.code))
        visibleNodes = within.union(above)
    }

    /// Whether `node` is the scope node or lies below it: the user answers for it.
    public func contains(_ node: String) -> Bool { within.contains(node) }

    /// Whether `node` lies within the scope or covers it from above.
    public func overlaps(_ node: String) -> Bool { within.contains(node) || above.contains(node) }
}

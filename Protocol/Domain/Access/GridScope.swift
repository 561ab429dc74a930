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

    /// The scope of `user`: a supervisor also sees the supervision records (``supervision(of:)``)
    /// of every node they see, which no one else receives.
    public init(user: UserRegistered, grid: Grid) {
        self.init(scope: user.scope, grid: grid, supervising: user.role == .supervisor)
    }

    public init(scope: String, grid: Grid, supervising: Bool = false) {
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
        let seen = within.union(above)
        // One supervision place per county (and city) seen: a scoped page merges a few more index ranges, not twice as many.
        let supervised = seen.filter { grid[$0].map { $0.level == .county || $0.level == .city } ?? false }
        visibleNodes = supervising ? seen.union(supervised.map(Self.supervision(of:))) : seen
        self.supervising = supervising
    }

    /// Whether the user supervises (sees supervision records).
    public let supervising: Bool

    /// Where the supervision records of a county (or city) lie: a place beside it that only
    /// supervisors who see it see.
    public static func supervision(of node: String) -> String { "supervision:" + node }

    /// Where a supervision record about `node` lies (an inquiry into the office there, 一案双查):
    /// beside the county it lies in (or the node itself, above county level).
    public static func supervisionPlace(about node: String, grid: Grid) -> String {
        supervision(of: grid.enclosing(node, at: .county)?.code ?? node)
    }

    /// The node a supervision place stands beside, if `place` is one.
    public static func supervised(_ place: String) -> String? {
        place.hasPrefix("supervision:") ? String(place.dropFirst("supervision:".count)) : nil
    }

    /// Whether `node` is the scope node or lies below it: the user answers for it.
    public func contains(_ node: String) -> Bool { within.contains(node) }

    /// Whether `node` lies within the scope or covers it from above (a supervision place, for a
    /// supervisor, as its node does).
    public func overlaps(_ node: String) -> Bool {
        if let supervised = Self.supervised(node) { return supervising && overlaps(supervised) }
        return within.contains(node) || above.contains(node)
    }
}

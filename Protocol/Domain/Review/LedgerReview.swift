/// The scattered-polluting ledger (台账) per township: counts by disposition and state, the whitelist,
/// resurgences, and the open count that "dynamic zero" (动态清零) drives to zero.
public struct LedgerReview: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        public var node: String
        public var name: String
        public var byDisposition: [Disposition: Int] = [:]
        public var awaitingDisposition = 0
        public var inProgress = 0
        /// Upgraded, signed off and resumed: on the whitelist.
        public var whitelisted = 0
        /// Banned and closed, or relocated: done, not on the whitelist.
        public var closedDown = 0
        public var resurgences = 0
        /// Cases not completed: the figure dynamic zero drives to 0.
        public var open: Int { awaitingDisposition + inProgress }
    }

    public var rows: [Row]
    public var whitelist: [Enterprise]

    public init(enterprises: [Enterprise], grid: Grid) {
        var rows: [String: Row] = [:]
        for enterprise in enterprises {
            let place = grid.township(of: enterprise.registration.node)
            var row = rows[place.code] ?? Row(node: place.code, name: place.name)
            if let disposition = enterprise.disposition { row.byDisposition[disposition, default: 0] += 1 }
            switch enterprise.state {
            case .registered: row.awaitingDisposition += 1
            case .inProgress: row.inProgress += 1
            case .completed where enterprise.isWhitelisted: row.whitelisted += 1
            case .completed: row.closedDown += 1
            }
            row.resurgences += enterprise.resurgences
            rows[place.code] = row
        }
        self.rows = rows.values.sorted { $0.node < $1.node }
        whitelist = enterprises.filter(\.isWhitelisted)
    }
}

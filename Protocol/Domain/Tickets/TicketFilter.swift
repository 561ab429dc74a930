/// Which tickets a list shows.
public struct TicketFilter: Sendable {
    public var state: TicketState?
    public var category: InspectionCategory?
    /// A grid node: tickets in it or below it.
    public var node: String?
    /// A user's scope: tickets within it or at the nodes above it (what the scope sees), not those
    /// transferred away from it or referred out of it.
    public var seenFrom: String?
    public var overdueOnly = false
    public var includeClosed = false
    /// A user: only the issues they reported or are to rectify.
    public var involving: String?
    public var order = Order.reported

    /// How a list is ordered.
    public enum Order: String, Sendable, CaseIterable {
        /// Oldest report first.
        case reported
        /// Nearest deadline first; issues without one after, oldest report first.
        case deadline
    }

    public init(state: TicketState? = nil, category: InspectionCategory? = nil, node: String? = nil,
                overdueOnly: Bool = false, includeClosed: Bool = false, involving: String? = nil, order: Order = .reported,
                seenFrom: String? = nil) {
        self.state = state
        self.category = category
        self.node = node
        self.seenFrom = seenFrom
        self.overdueOnly = overdueOnly
        self.includeClosed = includeClosed
        self.involving = involving
        self.order = order
    }
}

extension TicketFilter.Order: NamedValue {
    public func name(in language: Language) -> String {
        switch self {
        case .reported: language.say("上报时间", "reported")
        case .deadline: language.say("期限", "deadline")
        }
    }
}

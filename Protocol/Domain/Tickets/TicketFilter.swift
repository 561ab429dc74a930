/// Which tickets a list shows.
public struct TicketFilter: Sendable {
    public var state: TicketState?
    public var category: InspectionCategory?
    /// A grid node: tickets in it or below it.
    public var node: String?
    public var overdueOnly = false
    public var includeClosed = false

    public init(state: TicketState? = nil, category: InspectionCategory? = nil, node: String? = nil,
                overdueOnly: Bool = false, includeClosed: Bool = false) {
        self.state = state
        self.category = category
        self.node = node
        self.overdueOnly = overdueOnly
        self.includeClosed = includeClosed
    }
}

import Foundation

/// The monthly notice (月通报) a county sends: every review for the county and month, the best and
/// worst townships, over-limit dust-fall and overdue issues. Rendering it in words is the client's.
public struct MonthlyNotice: Hashable, Sendable {
    public var county: GridNodeDefined
    public var month: ReviewMonth
    public var issues: IssueReview
    public var ledger: LedgerReview
    public var fires: StrawBurningReview
    public var sites: DustSiteReview
    public var dustfall: DustfallReview
    /// Townships with issues, best first: highest rectification rate, then fewest overdue, then code.
    public var townshipsBestFirst: [IssueReview.Row]
    /// Open issues past their deadline, oldest deadline first.
    public var overdue: [TicketSummary]
    /// The county's townships (not retired) with no issue at all: shown as such, not left out.
    public var townshipsWithoutIssues: [GridNodeDefined]
    /// The county's issues in the month before and in the same month a year before, each as it
    /// stood at that month's end: what 环比 and 同比 compare with (`nil`: not looked up).
    public var monthBefore: IssueReview?
    public var yearBefore: IssueReview?
    /// The county's air quality over the season to the month's end, in an autumn-and-winter month
    /// with data or a target (`nil` otherwise).
    public var air: AirQualityPace.County?
    /// The townships' assessment for the month (`nil`: not looked up).
    public var assessment: TownshipAssessment?
    /// How each heavy-pollution alert over the county in the month was complied with (`[]`: none, or not looked up).
    public var alerts: [AlertCompliance] = []
    /// The names of the places the overdue issues lie in, by code.
    public var placeNames: [String: String]

    /// The best township, named only when the figures tell townships apart and it rectified
    /// something: with little data a ranking misleads ("best: 0 %").
    public var best: IssueReview.Row? {
        guard townshipsBestFirst.count >= 2, let first = townshipsBestFirst.first, let last = townshipsBestFirst.last,
              (first.rectificationRate ?? 0) > 0,
              first.rectificationRate != last.rectificationRate || first.overdue != last.overdue else { return nil }
        return first
    }
    /// The worst township, when there is a best.
    public var worst: IssueReview.Row? { best == nil ? nil : townshipsBestFirst.last }

    /// The notice from every record this device holds: the specification.
    public init(county: GridNodeDefined, month: ReviewMonth, now: Timestamp, grid: Grid, tickets: [TicketSummary], enterprises: [Enterprise],
                points: [FirePointSummary], sites: DustSites, network: DustfallNetwork) {
        let tickets = tickets.filter { $0.node == county.code || grid.node($0.node, isWithin: county.code) }
        self.init(county: county, month: month, grid: grid, issues: IssueReview(tickets: tickets, grid: grid, month: month, now: now),
                  overdue: tickets.filter { $0.isOverdue(at: now) }, enterprises: enterprises, points: points, sites: sites, network: network)
    }

    /// The notice from the county's issue review and overdue issues, as a store gives them, and the other records.
    public init(county: GridNodeDefined, month: ReviewMonth, grid: Grid, issues: IssueReview, overdue: [TicketSummary], enterprises: [Enterprise],
                points: [FirePointSummary], sites: DustSites, network: DustfallNetwork) {
        func inCounty(_ node: String) -> Bool { node == county.code || grid.node(node, isWithin: county.code) }
        self.county = county
        self.month = month
        self.issues = issues
        ledger = LedgerReview(enterprises: enterprises.filter { inCounty($0.registration.node) }, grid: grid)
        fires = StrawBurningReview(points: points.filter { $0.node.map(inCounty) ?? false }, grid: grid, month: month)
        self.sites = DustSiteReview(sites: sites, month: month, within: county.code, grid: grid)
        dustfall = DustfallReview(network: network, month: month, within: county.code)
        townshipsBestFirst = issues.rows.filter { grid[$0.node]?.level == .township }.sorted { lhs, rhs in
            (-(lhs.rectificationRate ?? 0), lhs.overdue, lhs.node) < (-(rhs.rectificationRate ?? 0), rhs.overdue, rhs.node)
        }
        let withIssues = Set(issues.rows.filter { $0.total > 0 }.map(\.node))
        townshipsWithoutIssues = grid.children(of: county.code).filter { $0.level == .township && !$0.isRetired && !withIssues.contains($0.code) }
        placeNames = Dictionary(overdue.map { ($0.node, grid[$0.node]?.name ?? $0.node) }) { first, _ in first }
        self.overdue = overdue.sorted { lhs, rhs in
            (lhs.deadline?.millisecondsSince1970 ?? .max, lhs.reportedAt, lhs.id.uuidString)
                < (rhs.deadline?.millisecondsSince1970 ?? .max, rhs.reportedAt, rhs.id.uuidString)
        }
    }
}

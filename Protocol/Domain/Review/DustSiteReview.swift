import Foundation

/// Dust sites: inspections done against those due (one per site per month), failure rate per
/// checklist item, and sites that lack the monitoring their area requires.
public struct DustSiteReview: Hashable, Sendable {
    public struct ItemRate: Hashable, Sendable {
        public var item: String
        public var failed: Int
        public var inspected: Int
        public var rate: Double { inspected == 0 ? 0 : Double(failed) / Double(inspected) }
    }

    /// One township's sites: how many were due an inspection this month and how many had one.
    public struct Township: Hashable, Sendable {
        public var node: String
        public var name: String
        public var due = 0
        public var done = 0
    }

    public var month: ReviewMonth
    public var due: Int
    public var done: Int
    /// Sites with no inspection this month.
    public var notInspected: [DustSites.Site]
    public var itemRates: [ItemRate]
    public var lackingMonitoring: [DustSites.Site]
    /// The checklist items in force for the sites, by id, for their names.
    public var items: [String: ChecklistItem]
    /// Due and done by township, in code order (empty without a grid to place the sites).
    public var townships: [Township]

    /// - Parameters:
    ///   - node: only the sites in this grid node and below; all sites when `nil`.
    ///   - grid: the grid, to count due and done by township.
    public init(sites: DustSites, month: ReviewMonth, within node: String? = nil, grid: Grid? = nil) {
        self.month = month
        let all = node.map(sites.sites(within:)) ?? sites.all
        due = all.count
        let inspectedThisMonth = all.filter { site in site.inspections.contains { month.contains($0.at) } }
        done = inspectedThisMonth.count
        notInspected = all.filter { site in !site.inspections.contains { month.contains($0.at) } }
        var counts: [String: (failed: Int, inspected: Int)] = [:]
        for inspection in all.flatMap(\.inspections) where month.contains(inspection.at) {
            for (item, passed) in inspection.result.results {
                counts[item, default: (0, 0)].inspected += 1
                if !passed { counts[item, default: (0, 0)].failed += 1 }
            }
        }
        itemRates = counts.map { ItemRate(item: $0.key, failed: $0.value.failed, inspected: $0.value.inspected) }
            .sorted { ($0.rate, $1.item) > ($1.rate, $0.item) }
        lackingMonitoring = all.filter(sites.lacksRequiredMonitoring)
        var townships: [String: Township] = [:]
        for site in all {
            guard let grid else { break }
            let place = grid.township(of: site.registration.node)
            townships[place.code, default: Township(node: place.code, name: place.name)].due += 1
            if site.inspections.contains(where: { month.contains($0.at) }) { townships[place.code]?.done += 1 }
        }
        self.townships = townships.values.sorted { $0.node < $1.node }
        items = Dictionary(all.flatMap { sites.checklist(for: $0.registration.node) }.map { ($0.id, $0) }) { first, _ in first }
    }
}

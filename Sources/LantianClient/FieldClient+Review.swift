import Foundation
import LantianFiles
import LantianDomain

/// What a supervisor reviews, from what this device has synced; works offline.
extension FieldClient {
    public func issueReview(month: ReviewMonth, now: Timestamp) throws -> (review: IssueReview, tickets: [Ticket], grid: Grid) {
        let tickets = try store.project(Tickets.self).all
        let grid = try store.project(Grid.self)
        return (IssueReview(tickets: tickets, grid: grid, month: month, now: now), tickets, grid)
    }

    public func dustfallReview(month: ReviewMonth) throws -> DustfallReview {
        DustfallReview(network: try store.project(DustfallNetwork.self), month: month)
    }

    /// The monthly notice (月通报) of `county` for `month`.
    public func monthlyNotice(county code: String, month: ReviewMonth, now: Timestamp) throws -> MonthlyNotice {
        let grid = try store.project(Grid.self)
        guard let county = grid[code] else { throw FieldError.unknownNode(code) }
        return MonthlyNotice(county: county, month: month, now: now, grid: grid, tickets: try store.project(Tickets.self).all,
                             enterprises: try store.project(Enterprises.self).all, points: try store.project(FirePoints.self).all,
                             sites: try store.project(DustSites.self), network: try store.project(DustfallNetwork.self))
    }

    /// The HTML report of `county` for `month`: the notice's figures with charts; eight weeks of issues up to now.
    public func htmlReport(county: String, month: ReviewMonth, texts: Texts, now: Timestamp) throws -> HTMLReport {
        let notice = try monthlyNotice(county: county, month: month, now: now)
        let grid = try store.project(Grid.self)
        let tickets = try store.project(Tickets.self).all.filter { $0.report.node == county || grid.node($0.report.node, isWithin: county) }
        return HTMLReport(notice: notice, timeline: IssueTimeline(tickets: tickets, weeks: 8, endingAt: now), texts: texts, generatedAt: now)
    }

    /// Per device: when it last synced and how many of its events are known to be waiting.
    public func syncBacklog() throws -> SyncBacklog { try store.project(SyncBacklog.self) }

    public func ledgerReview() throws -> LedgerReview {
        LedgerReview(enterprises: try store.project(Enterprises.self).all, grid: try store.project(Grid.self))
    }

    public func strawBurningReview(month: ReviewMonth) throws -> StrawBurningReview {
        StrawBurningReview(points: try store.project(FirePoints.self).all, grid: try store.project(Grid.self), month: month)
    }

    public func dustSiteReview(month: ReviewMonth) throws -> DustSiteReview {
        DustSiteReview(sites: try store.project(DustSites.self), month: month)
    }
}

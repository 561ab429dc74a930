import Foundation
import LantianFiles
import LantianDomain

/// What a supervisor reviews, from what this device has synced; works offline.
extension FieldClient {
    /// Issues per township (all issues this device holds), counted by the store.
    public func issueReview(month: ReviewMonth, now: Timestamp) throws -> IssueReview {
        let figures = try store.issueFigures(within: nil, month: month, now: now)
        return IssueReview(perNode: figures.perNode, open: figures.open, grid: try store.grid(), month: month)
    }

    public func dustfallReview(month: ReviewMonth) throws -> DustfallReview {
        DustfallReview(network: try store.dustfallNetwork(), month: month)
    }

    /// The monthly notice (月通报) of `county` for `month`, with the month before and the same
    /// month a year before to compare with, and the townships' assessment.
    public func monthlyNotice(county code: String, month: ReviewMonth, now: Timestamp) throws -> MonthlyNotice {
        var notice = try monthlyNoticeFigures(county: code, month: month, now: now)
        notice.monthBefore = try issueReview(county: code, month: month.adding(months: -1), now: now)
        notice.yearBefore = try issueReview(county: code, month: month.yearBefore, now: now)
        notice.assessment = try assessment(of: notice, now: now)
        if let season = month.autumnWinterSeason {
            let county = AirQualityPace(season: season, counties: [notice.county], air: try store.project(AirQuality.self), asOf: min(month.end, now)).counties.first
            notice.air = county.flatMap { $0.days > 0 || $0.target != nil ? $0 : nil }
        }
        return notice
    }

    /// `county`'s issues month by month, the `count` months ending with `month`, oldest first: each
    /// month as it stood at its end (the month under way, as it stands now).
    public func issueTrend(county: String, through month: ReviewMonth, count: Int, now: Timestamp) throws -> [IssueReview] {
        try (0..<max(count, 0)).reversed().map { try issueReview(county: county, month: month.adding(months: -$0), now: now) }
    }

    /// `county`'s issues in `month` as they stood at its end, or now if it has not ended.
    func issueReview(county: String, month: ReviewMonth, now: Timestamp) throws -> IssueReview {
        let asOf = min(month.end, now)
        return IssueReview(tickets: try store.tickets(within: county, asOf: asOf), grid: try store.grid(), month: month, now: asOf)
    }

    /// The notice's figures, and the alerts over the county, without the comparisons and the
    /// assessment (which read other months).
    func monthlyNoticeFigures(county code: String, month: ReviewMonth, now: Timestamp) throws -> MonthlyNotice {
        let grid = try store.grid()
        guard let county = grid[code] else { throw FieldError.unknownNode(code) }
        if let user = try profile(), !GridScope(scope: user.scope, grid: grid).overlaps(code) {
            throw FieldError.noDataFor(code, name: county.name, scope: user.scope)
        }
        var notice: MonthlyNotice
        if month.end <= now {
            // A past month as it stood at its end: later events change nothing of it. Dust-fall
            // is the exception: a month's jars are weighed after it ends.
            notice = MonthlyNotice(county: county, month: month, now: month.end, grid: grid,
                                 tickets: try store.tickets(within: code, asOf: month.end), enterprises: try store.enterprises(asOf: month.end).all,
                                 points: try store.firePoints(observedIn: Self.fireReviewSpan(month), within: code),
                                 sites: try store.dustSites(asOf: month.end), network: try store.dustfallNetwork())
        } else {
            let figures = try store.issueFigures(within: code, month: month, now: now)
            notice = MonthlyNotice(county: county, month: month, grid: grid,
                                   issues: IssueReview(perNode: figures.perNode, open: figures.open, grid: grid, month: month),
                                   overdue: try store.tickets(TicketFilter(node: code, overdueOnly: true), now: now),
                                   enterprises: try store.enterprises().all,
                                   points: try store.firePoints(observedIn: Self.fireReviewSpan(month), within: code),
                                   sites: try store.dustSites(), network: try store.dustfallNetwork())
        }
        notice.alerts = try alertCompliance(month: month, over: code, now: now)
        return notice
    }

    /// The HTML report of `county` for `month`: the notice's figures with charts; the issues
    /// opened and closed week by week over the month (up to now, or to its end once it is over).
    public func htmlReport(county: String, month: ReviewMonth, texts: Texts, now: Timestamp) throws -> HTMLReport {
        let notice = try monthlyNotice(county: county, month: month, now: now)
        let (weeks, last) = IssueTimeline.weeks(covering: month, asOf: now)
        let times = try IssueTimeline.span(weeks: weeks, endingAt: last).map { try store.issueTimes(within: county, in: $0) } ?? (reported: [], closed: [])
        // Nothing after the month's end: its report does not change once it is over.
        let upToEnd = { (times: [Timestamp]) in times.filter { $0 < month.end } }
        var report = HTMLReport(notice: notice, timeline: IssueTimeline(reported: upToEnd(times.reported), closed: upToEnd(times.closed), weeks: weeks,
                                                                      endingAt: last),
                                texts: texts, generatedAt: now)
        report.map = try reportMap(county: notice.county, month: month, texts: texts, now: now)
        report.trend = try issueTrend(county: county, through: month, count: 6, now: now)
        return report
    }

    /// The report's map: the city's counties that have boundaries, each shaded by its fire points
    /// in `month` as this device holds them (hatched where the user's scope holds none), `county`
    /// outlined; on it the county's fire points and the issues reported in the month, open or closed
    /// as they stood at its end (or now).
    func reportMap(county: GridNodeDefined, month: ReviewMonth, texts: Texts, now: Timestamp) throws -> SVGMap {
        let grid = try store.grid()
        let scope = try profile().map { GridScope(scope: $0.scope, grid: grid) }
        let span = month.start..<month.end, asOf = min(month.end, now)
        let counties = county.parent.map { grid.children(of: $0) } ?? [county]
        let areas = try counties.compactMap { node -> SVGMap.Area? in
            guard let boundary = node.boundary else { return nil }
            let held = scope?.overlaps(node.code) ?? true
            return SVGMap.Area(name: node.name, boundary: boundary, value: held ? try store.firePoints(observedIn: span, within: node.code).count : nil,
                               isFocus: node.code == county.code)
        }
        let fires = try store.firePoints(observedIn: span, within: county.code).map {
            SVGMap.Mark(location: $0.location, kind: .firePoint, title: "\(BeijingTime.format($0.observedAt)) \($0.note)")
        }
        let issues = try store.tickets(within: county.code, asOf: asOf).filter { span.contains($0.reportedAt) }.compactMap { ticket in
            ticket.location.map { SVGMap.Mark(location: $0, kind: ticket.isOpen ? .openIssue : .closedIssue, title: ticket.title) }
        }
        return SVGMap(title: texts.say("\(county.name)及周边区县：本月火点与问题", "\(county.name) and its neighbours: the month's fire points and issues"),
                      figure: texts.say("本月火点", "fire points this month"), areas: areas, marks: fires + issues, texts: texts)
    }

    /// The fire points a month's review reads: the month's, and those of the days before it in
    /// which a place that burns again in the month counts (``StrawBurningReview/lookbackDays``).
    static func fireReviewSpan(_ month: ReviewMonth) -> Range<Timestamp> {
        month.start.adding(milliseconds: -StrawBurningReview.lookbackDays * 86_400_000)..<month.end
    }

    /// Per device: when it last synced and how many of its events are known to be waiting.
    public func syncBacklog() throws -> SyncBacklog { try store.syncBacklog() }

    public func ledgerReview() throws -> LedgerReview {
        LedgerReview(enterprises: try store.enterprises().all, grid: try store.grid())
    }

    public func strawBurningReview(month: ReviewMonth) throws -> StrawBurningReview {
        StrawBurningReview(points: try store.firePoints(observedIn: Self.fireReviewSpan(month), within: nil), grid: try store.grid(), month: month)
    }

    public func dustSiteReview(month: ReviewMonth) throws -> DustSiteReview {
        DustSiteReview(sites: try store.dustSites(), month: month, grid: try store.grid())
    }
}

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

    /// The issues as CSV (UTF-8 with BOM), one row per issue.
    public static func issuesCSV(_ tickets: [Ticket], grid: Grid, now: Timestamp) throws -> Data {
        try Exports.csv(
            header: ["id", "category", "state", "overdue", "node", "nodeName", "title", "reportedBy", "reportedAt", "assignee", "deadline",
                     "closedAt", "escalations", "latitude", "longitude"],
            rows: tickets.map { ticket in
                [ticket.id.uuidString.lowercased(), ticket.report.category.rawValue, ticket.state.rawValue, ticket.isOverdue(at: now) ? "yes" : "no",
                 ticket.report.node, grid[ticket.report.node]?.name ?? "", ticket.report.title, ticket.reportedBy,
                 BeijingTime.iso8601(ticket.reportedAt), ticket.assignee ?? "", ticket.deadline.map(BeijingTime.iso8601) ?? "",
                 ticket.closedAt.map(BeijingTime.iso8601) ?? "", ticket.escalations.map(\.rawValue).joined(separator: ";"),
                 ticket.report.location.map { String($0.latitude) } ?? "", ticket.report.location.map { String($0.longitude) } ?? ""]
            })
    }

    /// The issues that have a location, as GeoJSON.
    public static func issuesGeoJSON(_ tickets: [Ticket], now: Timestamp) throws -> Data {
        try Exports.geoJSON(tickets.map { ticket in
            (ticket.report.location, [
                "id": .string(ticket.id.uuidString.lowercased()), "category": .string(ticket.report.category.rawValue),
                "state": .string(ticket.state.rawValue), "overdue": .bool(ticket.isOverdue(at: now)), "node": .string(ticket.report.node),
                "title": .string(ticket.report.title), "reportedAt": .string(BeijingTime.iso8601(ticket.reportedAt)),
            ])
        })
    }

    /// Dust sites that have a location, as GeoJSON.
    public static func dustSitesGeoJSON(_ sites: DustSites) throws -> Data {
        try Exports.geoJSON(sites.all.map { site in
            (site.registration.location, [
                "id": .string(site.id.uuidString.lowercased()), "name": .string(site.registration.name),
                "kind": .string(site.registration.kind.rawValue), "node": .string(site.registration.node),
                "areaSquareMetres": .number(site.registration.areaSquareMetres), "lacksRequiredMonitoring": .bool(sites.lacksRequiredMonitoring(site)),
                "inspections": .number(Double(site.inspections.count)),
            ])
        })
    }

    /// Fire points as GeoJSON.
    public static func firePointsGeoJSON(_ points: [FirePoint]) throws -> Data {
        try Exports.geoJSON(points.map { point in
            (point.location, [
                "id": .string(point.id.uuidString.lowercased()), "observedAt": .string(BeijingTime.iso8601(point.observedAt)),
                "source": .string(point.report.source.rawValue), "node": point.report.node.map(JSONValue.string) ?? .null,
                "reportedBy": .string(point.reportedBy), "note": .string(point.note),
                "responseMinutes": point.responseMinutes.map { .number(Double($0)) } ?? .null,
            ])
        })
    }
}

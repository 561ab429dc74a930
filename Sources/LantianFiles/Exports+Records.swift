import Foundation
import LantianDomain

/// The records as files other systems read: issues, dust sites, fire points and patrols' tracks as GeoJSON (CSV is ``Exports/csv(records:columns:)``).
extension Exports {
    /// The issues that have a location, as GeoJSON.
    public static func issuesGeoJSON(_ tickets: [TicketSummary], now: Timestamp) throws -> Data {
        try geoJSON(tickets.map { ticket in
            (ticket.location, [
                "id": .string(ticket.id.uuidString.lowercased()), "category": .string(ticket.category.rawValue),
                "state": .string(ticket.state.rawValue), "overdue": .bool(ticket.isOverdue(at: now)), "node": .string(ticket.node),
                "title": .string(ticket.title), "reportedAt": .string(BeijingTime.iso8601(ticket.reportedAt)),
            ])
        })
    }

    /// Dust sites that have a location, as GeoJSON.
    public static func dustSitesGeoJSON(_ sites: DustSites) throws -> Data {
        try geoJSON(sites.all.map { site in
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
        try geoJSON(points.map { point in
            (point.location, [
                "id": .string(point.id.uuidString.lowercased()), "observedAt": .string(BeijingTime.iso8601(point.observedAt)),
                "source": .string(point.report.source.rawValue), "node": point.report.node.map(JSONValue.string) ?? .null,
                "reportedBy": .string(point.reportedBy), "note": .string(point.note),
                "responseMinutes": point.responseMinutes.map { .number(Double($0)) } ?? .null,
            ])
        })
    }

    /// Patrols as GeoJSON: each a LineString through its start, check-ins and end (a Point when it
    /// has one position), left out when it has none.
    public static func patrolTracksGeoJSON(_ patrols: [Patrol]) throws -> Data {
        try featureCollection(patrols.filter { !$0.track.isEmpty }.map { patrol in
            (geometry(of: patrol.track), [
                "id": .string(patrol.id.uuidString.lowercased()), "officer": .string(patrol.officer), "node": .string(patrol.node),
                "startedAt": .string(BeijingTime.iso8601(patrol.startedAt)), "endedAt": patrol.endedAt.map { .string(BeijingTime.iso8601($0)) } ?? .null,
                "hours": .number(patrol.hours), "checkIns": .number(Double(patrol.checkIns.count)),
            ])
        })
    }
}

import Foundation

/// What an alert asks of one place (an inspection it implies): a listed enterprise's measures at
/// the alert's level, or a dust site's (``AlertCheckRecorded/dustSiteMeasures(at:)``), and the
/// latest check of it. Every device computes these from the alert, the list and the sites it
/// holds, offline.
public struct AlertDuty: Hashable, Sendable {
    public var target: AlertCheckRecorded.Target
    public var place: UUID
    public var name: String
    public var node: String
    public var location: GeoPoint?
    public var measures: [String]
    public var check: Alert.Check?

    /// The duties of `alert` within `scope` (a node; its whole area when `nil`): every listed
    /// enterprise with measures at its level (an A-grade enterprise may have none: seed 000 §22),
    /// then every dust site, by node and name.
    public static func of(_ alert: Alert, entries: [UUID: ReductionListed], sites: DustSites, grid: Grid, within scope: String?) -> [AlertDuty] {
        func covered(_ node: String) -> Bool {
            grid.node(node, isWithin: alert.node) && (scope.map { grid.node(node, isWithin: $0) || grid.node($0, isWithin: node) } ?? true)
        }
        let enterprises = entries.compactMap { id, entry -> AlertDuty? in
            let measures = entry.measures(at: alert.level)
            guard !measures.isEmpty, covered(entry.node) else { return nil }
            return AlertDuty(target: .enterprise, place: id, name: entry.name, node: entry.node, location: entry.location, measures: measures,
                             check: alert.lastCheck(of: id))
        }
        let dustSites = sites.all.compactMap { site -> AlertDuty? in
            guard covered(site.registration.node) else { return nil }
            return AlertDuty(target: .dustSite, place: site.id, name: site.registration.name, node: site.registration.node,
                             location: site.registration.location, measures: AlertCheckRecorded.dustSiteMeasures(at: alert.level), check: alert.lastCheck(of: site.id))
        }
        return (enterprises.sorted { ($0.node, $0.name, $0.place.uuidString) < ($1.node, $1.name, $1.place.uuidString) }
                + dustSites.sorted { ($0.node, $0.name, $0.place.uuidString) < ($1.node, $1.name, $1.place.uuidString) })
    }
}

import Foundation

/// Dust sites, their inspections and the checklists in force, from events in canonical order.
public struct DustSites: Projection {
    public static let eventTypes: Set<EventType> = subjectTypes.union(settingTypes).union([GridNodeDefined.eventType])
    /// The types of the sites' own events, each about the site it names.
    public static let subjectTypes: Set<EventType> = [DustSiteRegistered.eventType, DustSiteInspected.eventType]
    /// The settings read where a site lies: its checklist and monitoring threshold.
    public static let settingTypes: Set<EventType> = [DustChecklistDefined.eventType, DustMonitoringThresholdSet.eventType]

    public struct Site: Hashable, Sendable, Codable {
        public var id: UUID
        public var registration: DustSiteRegistered
        public var inspections: [Inspection] = []
    }

    public struct Inspection: Hashable, Sendable, Codable {
        public var event: UUID
        public var inspector: String
        public var at: Timestamp
        public var result: DustSiteInspected
    }

    public private(set) var byID: [UUID: Site] = [:]
    /// Events that could not be read, concern no known record, or start a record a second time
    /// (the first stands): kept in sight, never dropped silently.
    public private(set) var orphans: [UUID] = []
    private var grid = Grid()
    private var checklists: [String: [ChecklistItem]] = [:]
    private var thresholds: [String: Double] = [:]

    public init() {}

    /// The sites as a store's table holds them, in `grid`; settings are applied as events after.
    public init(grid: Grid, sites: some Sequence<Site>) {
        self.grid = grid
        for site in sites { byID[site.id] = site }
    }

    public mutating func apply(_ event: Event) {
        switch event.type {
        case GridNodeDefined.eventType:
            grid.apply(event)
        case DustChecklistDefined.eventType:
            if let defined = try? PayloadCodec.decode(DustChecklistDefined.self, from: event) { checklists[defined.node] = defined.items }
        case DustMonitoringThresholdSet.eventType:
            if let set = try? PayloadCodec.decode(DustMonitoringThresholdSet.self, from: event) { thresholds[set.node] = set.squareMetres }
        case DustSiteRegistered.eventType:
            guard byID[event.subject] == nil, let site = try? PayloadCodec.decode(DustSiteRegistered.self, from: event) else {
                return orphans.append(event.id)
            }
            byID[event.subject] = Site(id: event.subject, registration: site)
        case DustSiteInspected.eventType:
            guard byID[event.subject] != nil, let result = try? PayloadCodec.decode(DustSiteInspected.self, from: event) else {
                return orphans.append(event.id)
            }
            byID[event.subject]?.inspections.append(Inspection(
                event: event.id, inspector: event.actor, at: event.recordedAt, result: result))
        default:
            return
        }
    }

    /// The checklist for `node`: the one defined for the nearest node of its lineage, else the "six 100%".
    public func checklist(for node: String) -> [ChecklistItem] {
        grid.nearest(checklists, for: node) ?? DustChecklistDefined.sixHundredPercent
    }

    /// The area from which a site in `node` must have online monitoring and video.
    public func monitoringThreshold(for node: String) -> Double {
        grid.nearest(thresholds, for: node) ?? DustSiteRegistered.standardMonitoringThreshold
    }

    /// Whether `site` must have online monitoring and video, by the threshold in force where it lies, but lacks either.
    public func lacksRequiredMonitoring(_ site: Site) -> Bool {
        site.registration.lacksRequiredMonitoring(threshold: monitoringThreshold(for: site.registration.node))
    }

    public subscript(id: UUID) -> Site? { byID[id] }

    /// The sites in `node` or below it.
    public func sites(within node: String) -> [Site] {
        all.filter { $0.registration.node == node || grid.node($0.registration.node, isWithin: node) }
    }

    public var all: [Site] { byID.values.sorted { ($0.registration.name, $0.id.uuidString) < ($1.registration.name, $1.id.uuidString) } }
}

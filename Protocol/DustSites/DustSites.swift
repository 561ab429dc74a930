import Foundation

/// Dust sites, their inspections and the checklists in force, from events in canonical order.
public struct DustSites: Projection {
    public static let eventTypes: Set<EventType> = [
        DustSiteRegistered.eventType, DustSiteInspected.eventType, DustChecklistDefined.eventType, GridNodeDefined.eventType,
    ]

    public struct Site: Hashable, Sendable {
        public var id: UUID
        public var registration: DustSiteRegistered
        public var inspections: [Inspection] = []
    }

    public struct Inspection: Hashable, Sendable {
        public var event: UUID
        public var inspector: String
        public var at: Timestamp
        public var result: DustSiteInspected
    }

    public private(set) var byID: [UUID: Site] = [:]
    public private(set) var orphans: [UUID] = []
    private var grid = Grid()
    private var checklists: [String: [ChecklistItem]] = [:]

    public init() {}

    public mutating func apply(_ event: Event) {
        switch event.type {
        case GridNodeDefined.eventType:
            grid.apply(event)
        case DustChecklistDefined.eventType:
            if let defined = try? PayloadCodec.decode(DustChecklistDefined.self, from: event) { checklists[defined.node] = defined.items }
        case DustSiteRegistered.eventType:
            guard let site = try? PayloadCodec.decode(DustSiteRegistered.self, from: event) else { return orphans.append(event.id) }
            if byID[event.subject] == nil {
                byID[event.subject] = Site(id: event.subject, registration: site)
            } else {
                byID[event.subject]?.registration = site
            }
        case DustSiteInspected.eventType:
            guard byID[event.subject] != nil, let result = try? PayloadCodec.decode(DustSiteInspected.self, from: event) else {
                return orphans.append(event.id)
            }
            byID[event.subject]?.inspections.append(Inspection(
                event: event.id, inspector: event.actor, at: Timestamp(millisecondsSince1970: event.hlc.wallMilliseconds), result: result))
        default:
            return
        }
    }

    /// The checklist for `node`: the one defined for the nearest node of its lineage, else the "six 100%".
    public func checklist(for node: String) -> [ChecklistItem] {
        let lineage = grid.lineage(of: node).map(\.code) + (grid[node] == nil ? [node] : [])
        return lineage.lazy.compactMap { checklists[$0] }.first ?? DustChecklistDefined.sixHundredPercent
    }

    public subscript(id: UUID) -> Site? { byID[id] }

    public var all: [Site] { byID.values.sorted { ($0.registration.name, $0.id.uuidString) < ($1.registration.name, $1.id.uuidString) } }
}

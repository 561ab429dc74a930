import Foundation

/// A source of dust (扬尘源) under inspection.
public struct DustSiteRegistered: EventPayload, Hashable {
    public static let eventType: EventType = "dust.site.registered"
    public static let schema: UInt16 = 1

    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable {
        /// A construction site (建筑工地).
        case construction
        /// Road works (道路施工).
        case roadWorks = "road-works"
        /// A stockpile of coal, ash, material or muck (堆场).
        case stockpile
        /// A road (道路扬尘).
        case road
    }

    public var name: String
    public var kind: Kind
    /// The grid node (by code) the site lies in.
    public var node: String
    public var location: GeoPoint?
    public var areaSquareMetres: Double
    /// Online PM10 monitoring linked to the authorities (在线监测).
    public var onlineMonitoring: Bool
    /// Video surveillance linked to the authorities (视频监控).
    public var video: Bool

    public init(name: String, kind: Kind, node: String, location: GeoPoint? = nil, areaSquareMetres: Double,
                onlineMonitoring: Bool, video: Bool) throws(InvalidValue) {
        try Check.positive(areaSquareMetres, "area", max: Check.maxArea)
        self.name = name
        self.kind = kind
        self.node = node
        self.location = location
        self.areaSquareMetres = areaSquareMetres
        self.onlineMonitoring = onlineMonitoring
        self.video = video
    }

    /// Sites at or above this area must have online monitoring and video (Liaocheng: 5,000 m²).
    public static let standardMonitoringThreshold = 5_000.0

    /// Whether the site must have online PM10 monitoring and video but lacks either.
    public func lacksRequiredMonitoring(threshold: Double = standardMonitoringThreshold) -> Bool {
        areaSquareMetres >= threshold && !(onlineMonitoring && video)
    }
}

/// The area from which sites must have online monitoring and video, for a node and below it
/// (Liaocheng 5,000 m²; Zhoucun 10,000 m²).
public struct DustMonitoringThresholdSet: EventPayload, Hashable {
    public static let eventType: EventType = "dust.monitoringThreshold.set"
    public static let schema: UInt16 = 1

    public var node: String
    public var squareMetres: Double

    public init(node: String, squareMetres: Double) {
        self.node = node
        self.squareMetres = squareMetres
    }
}

/// One item of a dust-site checklist.
public struct ChecklistItem: Codable, Hashable, Sendable {
    public var id: String
    public var chinese: String
    public var english: String

    public init(id: String, chinese: String, english: String) {
        self.id = id
        self.chinese = chinese
        self.english = english
    }
}

/// The checklist used in a jurisdiction; localities differ, so it is configuration.
public struct DustChecklistDefined: EventPayload, Hashable {
    public static let eventType: EventType = "dust.checklist.defined"
    public static let schema: UInt16 = 1

    /// The grid node (by code) the checklist applies to, and everything below it.
    public var node: String
    public var items: [ChecklistItem]

    public init(node: String, items: [ChecklistItem]) {
        self.node = node
        self.items = items
    }

    /// The "six 100%" (六个百分之百) for construction sites.
    public static let sixHundredPercent: [ChecklistItem] = [
        ChecklistItem(id: "fencing", chinese: "周边围挡", english: "perimeter fencing"),
        ChecklistItem(id: "covering", chinese: "物料堆放覆盖", english: "material piles covered"),
        ChecklistItem(id: "wet-work", chinese: "土方开挖湿法作业", english: "wet excavation"),
        ChecklistItem(id: "hardened-roads", chinese: "路面硬化", english: "site roads hardened"),
        ChecklistItem(id: "vehicle-washing", chinese: "出入车辆清洗", english: "exiting vehicles washed"),
        ChecklistItem(id: "sealed-transport", chinese: "渣土车辆密闭运输", english: "muck trucks sealed"),
    ]
}

/// An inspection of a dust site against its checklist, item by item. The subject is the site.
public struct DustSiteInspected: EventPayload, Hashable {
    public static let eventType: EventType = "dust.site.inspected"
    public static let schema: UInt16 = 1

    /// Checklist item id → whether the site passed it.
    public var results: [String: Bool]
    public var note: String
    public var evidence: [Evidence]

    /// An inspection that answers every item of `checklist` and nothing else.
    public init(results: [String: Bool], checklist: [ChecklistItem], note: String = "", evidence: [Evidence] = []) throws(InvalidValue) {
        if let missing = checklist.first(where: { results[$0.id] == nil }) {
            throw InvalidValue(field: missing.id, rule: .empty)
        }
        if let unknown = results.keys.sorted().first(where: { id in !checklist.contains { $0.id == id } }) {
            throw InvalidValue(field: unknown, rule: .notInChecklist)
        }
        self.results = results
        self.note = note
        self.evidence = evidence
    }

    /// The items failed, in checklist order.
    public func failedItems(of checklist: [ChecklistItem]) -> [ChecklistItem] {
        checklist.filter { results[$0.id] == false }
    }

    /// The issues this inspection opens: one for each failed item.
    public func ticketsToOpen(site: UUID, registered: DustSiteRegistered, checklist: [ChecklistItem]) -> [TicketReported] {
        failedItems(of: checklist).map { item in
            TicketReported(category: .dust, node: registered.node, title: "\(registered.name)：\(item.chinese)不达标",
                           location: registered.location, origin: site, note: note, evidence: evidence)
        }
    }
}

extension DustfallReadingRecorded {
    /// The issue a reading over the limit opens, if it is over.
    public func ticketToOpen(reading: UUID, station: DustfallStationRegistered, limit: Double) -> TicketReported? {
        guard let value = dustfall, value > limit else { return nil }
        return TicketReported(category: .dustfall, node: station.node,
                              title: String(format: "%@ %@ 降尘 %.2f 吨/(平方公里·30天)，超过限值 %.1f", station.name, month, value, limit),
                              location: station.location, origin: reading)
    }
}

extension DustSiteRegistered {
    public static let definition = EventDefinition(
        DustSiteRegistered.self, chinese: "扬尘源登记", english: "dust site registered", recorders: .field, subject: .starts,
        example: try! DustSiteRegistered(name: "北关村安置房工地", kind: .construction, node: "371502001001",
                                         location: GeoPoint(latitude: 36.4512, longitude: 115.9853), areaSquareMetres: 8_000,
                                         onlineMonitoring: true, video: false))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.text(name, "name", required: true)
        try Check.code(node, "node")
        try Check.positive(areaSquareMetres, "areaSquareMetres", max: Check.maxArea)
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: location) }
}

extension DustSiteInspected {
    /// The most items a checklist, and so an inspection, may have.
    public static let maxItems = 50

    public static let definition = EventDefinition(
        DustSiteInspected.self, chinese: "扬尘源检查", english: "dust site inspected", recorders: .field,
        subject: .follows([DustSiteRegistered.eventType]),
        example: try! DustSiteInspected(results: Dictionary(uniqueKeysWithValues: DustChecklistDefined.sixHundredPercent.map { ($0.id, $0.id != "covering") }),
                                        checklist: DustChecklistDefined.sixHundredPercent, note: "物料堆放未覆盖"))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.count(results.count, "results", max: Self.maxItems)
        for item in results.keys { try Check.itemID(item, "results") }
        try Check.text(note, "note", max: Check.longText)
        try Check.evidence(evidence)
    }

    public func placement(of event: Event) -> PlacementClaim { .sameAs(subject: event.subject, startedBy: [DustSiteRegistered.eventType]) }
}

extension DustChecklistDefined {
    public static let definition = EventDefinition(
        DustChecklistDefined.self, chinese: "扬尘检查表设置", english: "dust checklist set", recorders: .server, subject: .defines,
        example: DustChecklistDefined(node: "371502", items: sixHundredPercent))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(node, "node")
        guard !items.isEmpty else { throw InvalidValue(field: "items", rule: .empty) }
        try Check.count(items.count, "items", max: DustSiteInspected.maxItems)
        guard Set(items.map(\.id)).count == items.count else { throw InvalidValue(field: "items", rule: .duplicate) }
        for item in items {
            try Check.itemID(item.id, "items")
            try Check.text(item.chinese, "items", required: true)
            try Check.text(item.english, "items")
        }
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: nil) }
}

extension DustMonitoringThresholdSet {
    public static let definition = EventDefinition(
        DustMonitoringThresholdSet.self, chinese: "在线监测面积门槛设置", english: "monitoring threshold set", recorders: .server,
        subject: .defines, example: DustMonitoringThresholdSet(node: "371502", squareMetres: 5_000))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(node, "node")
        try Check.positive(squareMetres, "squareMetres", max: Check.maxArea)
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: nil) }
}

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

extension DustSiteRegistered.Kind: NamedValue {
    /// What users call it.
    public func name(in language: Language) -> String {
        switch self {
        case .construction: language.say("建筑工地", "construction site")
        case .roadWorks: language.say("道路施工", "road works")
        case .stockpile: language.say("堆场", "stockpile")
        case .road: language.say("道路", "road")
        }
    }
}

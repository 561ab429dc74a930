import Foundation

/// A dust-fall monitoring station placed in a grid node.
public struct DustfallStationRegistered: EventPayload, Hashable {
    public static let eventType: EventType = "dustfall.station.registered"
    public static let schema: UInt16 = 1

    public var code: String
    public var name: String
    /// The grid node (by code) the station stands in.
    public var node: String
    public var location: GeoPoint?

    public init(code: String, name: String, node: String, location: GeoPoint? = nil) {
        self.code = code
        self.name = name
        self.node = node
        self.location = location
    }
}

extension DustfallStationRegistered {
    /// The subject of the station with `code`: the same on every device.
    public static func subject(for code: String) -> UUID { .version5(name: "dustfall-station:\(code)") }

    public static let definition = EventDefinition(
        DustfallStationRegistered.self, chinese: "降尘监测点登记", english: "dust-fall station registered", recorders: .field,
        subject: .starts, example: DustfallStationRegistered(code: "GL-01", name: "古楼站", node: "371502001",
                                                             location: try! GeoPoint(latitude: 36.4512, longitude: 115.9853)))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(code, "station")
        try Check.text(name, "name", required: true)
        try Check.code(node, "node")
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: location) }
}

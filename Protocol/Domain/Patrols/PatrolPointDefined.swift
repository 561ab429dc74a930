import Foundation

/// A fixed point (定点) of a cell that patrols check in at: a field edge that burns every year, a
/// village entrance. Township staff define them (seed 000 §19: "定点、定时、定人、定责"). The subject is the point.
public struct PatrolPointDefined: EventPayload, Hashable {
    public static let eventType: EventType = "patrol.point.defined"
    public static let schema: UInt16 = 1

    public var name: String
    /// The cell (by code) the point belongs to.
    public var node: String
    public var location: GeoPoint

    public init(name: String, node: String, location: GeoPoint) {
        self.name = name
        self.node = node
        self.location = location
    }
}

extension PatrolPointDefined {
    public static let definition = EventDefinition(
        PatrolPointDefined.self, chinese: "巡查定点", english: "patrol point defined", recorders: .roles([.townshipStaff, .supervisor]),
        subject: .starts,
        example: PatrolPointDefined(name: "村西麦田", node: "371502001001", location: try! GeoPoint(latitude: 36.4520, longitude: 115.9861)))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.text(name, "name", required: true)
        try Check.code(node, "node")
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: location) }
}

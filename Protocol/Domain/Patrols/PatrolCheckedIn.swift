import Foundation

/// A position on a patrol, at one of the cell's fixed points (定点, ``PatrolPointDefined``) or
/// wherever the officer is. It must lie in the patrol's cell, as far as the grid's boundaries tell,
/// and at a fixed point, within ``pointRadiusMetres`` of it. The subject is the patrol.
public struct PatrolCheckedIn: EventPayload, Hashable {
    public static let eventType: EventType = "patrol.checked-in"
    public static let schema: UInt16 = 1

    public var location: GeoPoint
    /// The fixed point checked in at, if any.
    public var point: UUID?
    public var note: String

    public init(location: GeoPoint, point: UUID? = nil, note: String = "") {
        self.location = location
        self.point = point
        self.note = note
    }

    /// How far from a fixed point a check-in at it may be: GPS in a field is good to tens of metres.
    public static let pointRadiusMetres = 300.0
}

extension PatrolCheckedIn {
    public static let definition = EventDefinition(
        PatrolCheckedIn.self, chinese: "巡查打卡", english: "patrol check-in", recorders: .roles([.gridOfficer]),
        subject: .follows([PatrolStarted.eventType]),
        example: PatrolCheckedIn(location: try! GeoPoint(latitude: 36.4520, longitude: 115.9861), note: "村西麦田"))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.text(note, "note", max: Check.longText)
    }

    public func placement(of event: Event) -> PlacementClaim {
        .within(subject: event.subject, startedBy: [PatrolStarted.eventType], location: location)
    }
}

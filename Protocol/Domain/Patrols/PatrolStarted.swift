import Foundation

/// A grid officer sets out on patrol (巡查) in their cell: the first of a patrol's records, which
/// check-ins and its end follow. "定点、定时、定人、定责" (seed 000 §19, seed 003 §(九)): who walked
/// where and when is what a township shows as coverage, even when nothing was found. The subject is
/// the patrol; the time is when the event was recorded.
public struct PatrolStarted: EventPayload, Hashable {
    public static let eventType: EventType = "patrol.started"
    public static let schema: UInt16 = 1

    /// The cell (by code) patrolled.
    public var node: String
    /// Where the officer was, from GPS or typed.
    public var location: GeoPoint?
    public var note: String

    public init(node: String, location: GeoPoint? = nil, note: String = "") {
        self.node = node
        self.location = location
        self.note = note
    }
}

extension PatrolStarted {
    public static let definition = EventDefinition(
        PatrolStarted.self, chinese: "巡查开始", english: "patrol started", recorders: .roles([.gridOfficer]), subject: .starts,
        example: PatrolStarted(node: "371502001001", location: try! GeoPoint(latitude: 36.4512, longitude: 115.9853), note: "秋收专项巡查"))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(node, "node")
        try Check.text(note, "note", max: Check.longText)
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: location) }
}

import Foundation

/// The end of a patrol: what it found is what its officer recorded between its start and this
/// (issues and fire points, linked by who and when, ``Patrol/finds``). The subject is the patrol.
public struct PatrolEnded: EventPayload, Hashable {
    public static let eventType: EventType = "patrol.ended"
    public static let schema: UInt16 = 1

    public var location: GeoPoint?
    public var note: String

    public init(location: GeoPoint? = nil, note: String = "") {
        self.location = location
        self.note = note
    }
}

extension PatrolEnded {
    public static let definition = EventDefinition(
        PatrolEnded.self, chinese: "巡查结束", english: "patrol ended", recorders: .roles([.gridOfficer]),
        subject: .follows([PatrolStarted.eventType]),
        example: PatrolEnded(location: try! GeoPoint(latitude: 36.4530, longitude: 115.9870), note: "未发现焚烧"))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.text(note, "note", max: Check.longText)
    }

    public func placement(of event: Event) -> PlacementClaim {
        location.map { .within(subject: event.subject, startedBy: [PatrolStarted.eventType], location: $0) }
            ?? .sameAs(subject: event.subject, startedBy: [PatrolStarted.eventType])
    }
}

import Foundation

/// An alert lifted before its end (解除预警): nothing more is due from then on. The subject is the alert.
public struct AlertLifted: EventPayload, Hashable {
    public static let eventType: EventType = "alert.lifted"
    public static let schema: UInt16 = 1

    public var note: String

    public init(note: String = "") { self.note = note }
}

extension AlertLifted {
    public static let definition = EventDefinition(
        AlertLifted.self, chinese: "解除预警", english: "alert lifted", recorders: .roles([.supervisor]), subject: .follows([AlertDeclared.eventType]),
        example: AlertLifted(note: "空气质量好转"))

    public func check(recordedAt: Timestamp) throws(InvalidValue) { try Check.text(note, "note", max: Check.longText) }

    public func placement(of event: Event) -> PlacementClaim { .sameAs(subject: event.subject, startedBy: [AlertDeclared.eventType]) }
}

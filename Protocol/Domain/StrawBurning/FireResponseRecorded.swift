/// The fire was put out. The subject is the fire point.
public struct FireResponseRecorded: EventPayload, Hashable {
    public static let eventType: EventType = "straw.firePoint.extinguished"
    public static let schema: UInt16 = 1

    public var extinguishedAt: Timestamp
    /// Who put it out (a person or a team).
    public var by: String
    public var note: String

    public init(extinguishedAt: Timestamp, by: String, note: String = "") {
        self.extinguishedAt = extinguishedAt
        self.by = by
        self.note = note
    }
}

extension FireResponseRecorded {
    public static let definition = EventDefinition(
        FireResponseRecorded.self, chinese: "火点扑灭", english: "fire put out", recorders: .field,
        subject: .follows([FirePointReport.eventType]),
        example: FireResponseRecorded(extinguishedAt: Timestamp(millisecondsSince1970: 1_780_315_200_000), by: "扑火队"))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try EventBounds.check(extinguishedAt, "extinguishedAt", recordedAt: recordedAt)
        try Check.text(by, "by", required: true)
        try Check.text(note, "note", max: Check.longText)
    }

    public func placement(of event: Event) -> PlacementClaim { .sameAs(subject: event.subject, startedBy: [FirePointReport.eventType]) }
}

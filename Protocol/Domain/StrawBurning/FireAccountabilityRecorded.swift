/// Who is held accountable for the fire (通报追责), and how. The subject is the fire point.
public struct FireAccountabilityRecorded: EventPayload, Hashable {
    public static let eventType: EventType = "straw.firePoint.accountability"
    public static let schema: UInt16 = 1

    public var responsible: String
    public var measure: String
    public var note: String

    public init(responsible: String, measure: String, note: String = "") {
        self.responsible = responsible
        self.measure = measure
        self.note = note
    }
}

extension FireAccountabilityRecorded {
    public static let definition = EventDefinition(
        FireAccountabilityRecorded.self, chinese: "火点追责", english: "fire accountability", recorders: .field,
        subject: .follows([FirePointReport.eventType]),
        example: FireAccountabilityRecorded(responsible: "北关村村委会", measure: "通报批评"))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.text(responsible, "responsible", required: true)
        try Check.text(measure, "measure", max: Check.longText, required: true)
        try Check.text(note, "note", max: Check.longText)
    }

    public func placement(of event: Event) -> PlacementClaim { .sameAs(subject: event.subject, startedBy: [FirePointReport.eventType]) }
}

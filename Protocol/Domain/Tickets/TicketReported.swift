import Foundation

/// An issue (问题) was found and reported: the first event of a ticket, whose subject is the ticket.
public struct TicketReported: EventPayload, Hashable {
    public static let eventType: EventType = "ticket.reported"
    public static let schema: UInt16 = 1

    public var category: InspectionCategory
    /// The grid node (by code) the issue belongs to.
    public var node: String
    public var title: String
    public var location: GeoPoint?
    /// The record that gave rise to it, such as a dust site or a fire point.
    public var origin: UUID?
    public var note: String
    public var evidence: [Evidence]
    /// `true` for a referral (移交): found outside the recorder's scope, for the office where it lies.
    public var referral: Bool?
    /// A deadline the issue has from the start: a measure failed during a heavy-pollution alert is
    /// due within the alert's hours, not the days an assignment gives (``AlertDeclared/deadlineHours``).
    public var deadline: Timestamp?

    public init(category: InspectionCategory, node: String, title: String, location: GeoPoint? = nil, origin: UUID? = nil,
                note: String = "", evidence: [Evidence] = [], referral: Bool = false, deadline: Timestamp? = nil) {
        self.category = category
        self.node = node
        self.title = title
        self.location = location
        self.origin = origin
        self.note = note
        self.evidence = evidence
        self.referral = referral ? true : nil
        self.deadline = deadline
    }
}

extension TicketReported {
    public static let definition = EventDefinition(
        TicketReported.self, chinese: "问题上报", english: "issue reported", recorders: .field, subject: .starts,
        example: TicketReported(category: .dust, node: "371502001001", title: "北关村路边渣土未覆盖",
                                location: try! GeoPoint(latitude: 36.4512, longitude: 115.9853), note: "约 200 平方米"))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(node, "node")
        try Self.checkTitle(title)
        try Check.text(note, "note", max: Check.longText)
        try Check.evidence(evidence)
        if let deadline {
            guard deadline > recordedAt else { throw InvalidValue(field: "deadline", rule: .inThePast) }
            guard deadline.milliseconds(since: recordedAt) <= Int64(AlertDeclared.maxDeadlineHours) * 3_600_000 else {
                throw InvalidValue(field: "deadline", rule: .tooFarAhead(days: AlertDeclared.maxDeadlineHours / 24))
            }
        }
    }

    /// An issue found by judgement is a grid officer's to report; one that follows from a record
    /// (a failed inspection item, a dust-fall reading over the limit) anyone's in the field.
    public func mayBeRecorded(by role: Role) -> Bool { TicketWorkflow.mayReport(self, role: role) }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: location) }
}

extension TicketReported {
    /// The title's rule (not empty, at most 200 characters), for a prompt to check as it is typed.
    public static func checkTitle(_ title: String) throws(InvalidValue) { try Check.text(title, "title", required: true) }
}

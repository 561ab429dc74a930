import Foundation

/// A compliance check during an alert: one listed enterprise's measures, or a dust site's
/// earthwork stop, item by item, with evidence. Each item not taken opens an issue due within the
/// alert's hours. The subject is the alert; the record lies where the place checked lies, as the
/// store holds it (an officer of a cell may check an enterprise listed at the township above it).
public struct AlertCheckRecorded: EventPayload, Hashable {
    public static let eventType: EventType = "alert.checked"
    public static let schema: UInt16 = 1

    public enum Target: String, Codable, Hashable, Sendable {
        /// An enterprise on the reduction list (its entry).
        case enterprise
        /// A dust site (its registration).
        case dustSite = "dust-site"
    }

    public var target: Target
    /// The entry or the dust site checked.
    public var place: UUID
    /// Where the checker was.
    public var location: GeoPoint?
    /// Each measure → whether it was being taken.
    public var results: [String: Bool]
    public var note: String
    public var evidence: [Evidence]

    public init(target: Target, place: UUID, location: GeoPoint? = nil, results: [String: Bool], note: String = "", evidence: [Evidence] = []) {
        self.target = target
        self.place = place
        self.location = location
        self.results = results
        self.note = note
        self.evidence = evidence
    }


    /// What a dust site must do at `level` (seed 000 §20: 扬尘源应急减排措施): from orange up, stop
    /// earthworks and demolition; at yellow, damp down more often.
    public static func dustSiteMeasures(at level: AlertLevel) -> [String] {
        level >= .orange ? ["停止土石方作业和拆除作业"] : ["加密洒水降尘"]
    }
}

extension AlertCheckRecorded {
    public static let definition = EventDefinition(
        AlertCheckRecorded.self, chinese: "应急减排检查", english: "alert compliance check", recorders: .field, subject: .follows([AlertDeclared.eventType]),
        example: AlertCheckRecorded(target: .enterprise, place: UUID(uuidString: "0190c4e2-7f00-7000-8000-000000000001")!,
                                    results: ["停止 1 号冲天炉": true, "停止露天物料装卸": false], note: "料场仍在装卸"))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        guard !results.isEmpty else { throw InvalidValue(field: "results", rule: .empty) }
        try Check.count(results.count, "results", max: ReductionListed.maxMeasures)
        for measure in results.keys { try Check.text(measure, "measures", required: true) }
        try Check.text(note, "note", max: Check.longText)
        try Check.evidence(evidence)
    }

    public func placement(of event: Event) -> PlacementClaim {
        .sameAs(subject: place, startedBy: target == .enterprise ? [ReductionListed.eventType] : [DustSiteRegistered.eventType])
    }
}

/// A fire point (火点) of straw burning (秸秆焚烧), as reported from the field or a remote sensor.
///
/// ```swift
/// let report = try FirePointReport(location: point, observedAt: time, note: "麦茬地冒烟")
/// let draft = try EventDraft(subject: fireID, payload: report)
/// ```
public struct FirePointReport: EventPayload, Hashable {
    public static let eventType: EventType = "straw.firePoint.reported"
    public static let schema: UInt16 = 1
    public static let maxNoteCharacters = 500

    /// Where a fire point came from.
    public enum Source: String, Codable, Hashable, Sendable, CaseIterable {
        case patrol, satellite, drone, video, infrared
        case publicReport = "public-report"
    }

    public let location: GeoPoint
    /// The grid node (by code) the fire point lies in; `nil` only in the first fire points recorded.
    public let node: String?
    /// When the fire was seen, which may be earlier than when it was recorded.
    public let observedAt: Timestamp
    public let note: String
    public let source: Source
    public let estimatedAreaSquareMetres: Double?
    /// The risky time slot it fell in: derived from the time where the clock decides, else as asked.
    public let riskySlot: RiskySlot?
    public let evidence: [Evidence]
    /// `true` for a referral (移交): seen outside the recorder's scope, for the office where it lies.
    public let referral: Bool?

    public init(location: GeoPoint, node: String? = nil, observedAt: Timestamp, note: String, source: Source = .patrol,
                estimatedAreaSquareMetres: Double? = nil, riskySlot: RiskySlot? = nil, evidence: [Evidence] = [],
                referral: Bool = false) throws(InvalidValue) {
        try Check.text(note, "note", max: Self.maxNoteCharacters)
        if let area = estimatedAreaSquareMetres { try Check.positive(area, "area", max: Check.maxArea) }
        self.location = location
        self.node = node
        self.observedAt = observedAt
        self.note = note
        self.source = source
        self.estimatedAreaSquareMetres = estimatedAreaSquareMetres
        self.riskySlot = riskySlot ?? RiskySlot.derived(from: observedAt)
        self.evidence = evidence
        self.referral = referral ? true : nil
    }

    private enum CodingKeys: String, CodingKey {
        case location, node, observedAt, note, source, estimatedAreaSquareMetres, riskySlot, evidence, referral
    }

    /// Reads every version of the payload: the first fire points had only location, time and note.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            location: try container.decode(GeoPoint.self, forKey: .location),
            node: try container.decodeIfPresent(String.self, forKey: .node),
            observedAt: try container.decode(Timestamp.self, forKey: .observedAt),
            note: try container.decode(String.self, forKey: .note),
            source: try container.decodeIfPresent(Source.self, forKey: .source) ?? .patrol,
            estimatedAreaSquareMetres: try container.decodeIfPresent(Double.self, forKey: .estimatedAreaSquareMetres),
            riskySlot: try container.decodeIfPresent(RiskySlot.self, forKey: .riskySlot),
            evidence: try container.decodeIfPresent([Evidence].self, forKey: .evidence) ?? [],
            referral: try container.decodeIfPresent(Bool.self, forKey: .referral) ?? false)
    }
}

extension FirePointReport {
    public static let definition = EventDefinition(
        FirePointReport.self, chinese: "火点", english: "fire point", recorders: .field, subject: .starts,
        example: try! FirePointReport(location: GeoPoint(latitude: 36.4512, longitude: 115.9853), node: "371502001001",
                                      observedAt: Timestamp(millisecondsSince1970: 1_780_313_400_000), note: "麦茬地冒烟",
                                      estimatedAreaSquareMetres: 300, riskySlot: .afterWork))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        if let node { try Check.code(node, "node") }
        try EventBounds.check(observedAt, "observedAt", recordedAt: recordedAt)
        try Check.evidence(evidence)
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: location) }
}

extension FirePointReport.Source: NamedValue {
    /// What users call it.
    public func name(in language: Language) -> String {
        switch self {
        case .patrol: language.say("巡查", "patrol")
        case .satellite: language.say("卫星遥感", "satellite")
        case .drone: language.say("无人机", "drone")
        case .video: language.say("视频监控", "video")
        case .infrared: language.say("红外监测", "infrared")
        case .publicReport: language.say("群众举报", "public report")
        }
    }
}

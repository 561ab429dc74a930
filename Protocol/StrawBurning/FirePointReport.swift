/// A fire point (火点) of straw burning (秸秆焚烧), as a grid officer reports it from the field.
///
/// ```swift
/// let report = try FirePointReport(location: point, observedAt: time, note: "麦茬地冒烟")
/// let draft = try EventDraft(subject: fireID, payload: report)
/// ```
public struct FirePointReport: EventPayload, Hashable {
    public static let eventType: EventType = "straw.firePoint.reported"
    public static let schema: UInt16 = 1
    public static let maxNoteCharacters = 500

    public let location: GeoPoint
    /// When the fire was seen, which may be earlier than when it was recorded.
    public let observedAt: Timestamp
    public let note: String

    public init(location: GeoPoint, observedAt: Timestamp, note: String) throws(ValidationError) {
        guard note.count <= Self.maxNoteCharacters else {
            throw ValidationError(field: "note", rule: .tooLong(maxCharacters: Self.maxNoteCharacters))
        }
        self.location = location
        self.observedAt = observedAt
        self.note = note
    }
}

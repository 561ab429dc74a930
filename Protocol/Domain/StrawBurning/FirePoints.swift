import Foundation

/// The projection of all reported fire points, oldest observation first.
public struct FirePoints: Projection {
    public static let eventTypes: Set<EventType> = [FirePointReport.eventType, FireResponseRecorded.eventType, FireAccountabilityRecorded.eventType]

    public private(set) var byID: [UUID: FirePoint] = [:]
    /// Events that could not be read, concern no known fire point, or report one a second time
    /// (the first report stands): kept in sight, never dropped silently.
    public private(set) var orphans: [UUID] = []

    public init() {}

    public mutating func apply(_ event: Event) {
        switch event.type {
        case FirePointReport.eventType:
            guard let report = try? PayloadCodec.decode(FirePointReport.self, from: event) else { return orphans.append(event.id) }
            guard byID[event.subject] == nil else { return orphans.append(event.id) }
            byID[event.subject] = FirePoint(id: event.subject, report: report, reportedBy: event.actor, reportedFrom: event.device,
                                            recordedAt: event.recordedAt)
        case FireResponseRecorded.eventType:
            guard let response = try? PayloadCodec.decode(FireResponseRecorded.self, from: event), byID[event.subject] != nil else {
                return orphans.append(event.id)
            }
            byID[event.subject]?.response = response
        case FireAccountabilityRecorded.eventType:
            guard let record = try? PayloadCodec.decode(FireAccountabilityRecorded.self, from: event), byID[event.subject] != nil else {
                return orphans.append(event.id)
            }
            byID[event.subject]?.accountability.append(record)
        default:
            return
        }
    }

    public subscript(id: UUID) -> FirePoint? { byID[id] }

    /// All fire points, by time observed, then id.
    public var all: [FirePoint] {
        byID.values.sorted { ($0.observedAt, $0.id.uuidString) < ($1.observedAt, $1.id.uuidString) }
    }
}

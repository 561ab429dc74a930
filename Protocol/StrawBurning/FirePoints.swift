import Foundation

/// A fire point as users see it: the report, who made it and on which device.
public struct FirePoint: Hashable, Sendable, Codable {
    public var id: UUID
    public var location: GeoPoint
    public var observedAt: Timestamp
    public var note: String
    public var reportedBy: String
    public var reportedFrom: UUID
    public var recordedAt: Timestamp
}

/// The projection of all reported fire points, oldest observation first.
public struct FirePoints: Projection {
    public static let eventTypes: Set<EventType> = [FirePointReport.eventType]

    private var byID: [UUID: FirePoint] = [:]
    /// Events whose payload could not be read: kept and shown, never dropped silently.
    public private(set) var unreadable: [UUID] = []

    public init() {}

    public mutating func apply(_ event: Event) {
        guard event.type == FirePointReport.eventType else { return }
        guard let report = try? PayloadCodec.decode(FirePointReport.self, from: event) else {
            unreadable.append(event.id)
            return
        }
        guard byID[event.subject] == nil else { return }
        byID[event.subject] = FirePoint(
            id: event.subject, location: report.location, observedAt: report.observedAt, note: report.note,
            reportedBy: event.actor, reportedFrom: event.device, recordedAt: event.recordedAt)
    }

    /// All fire points, by time observed, then id.
    public var all: [FirePoint] {
        byID.values.sorted { ($0.observedAt, $0.id.uuidString) < ($1.observedAt, $1.id.uuidString) }
    }
}

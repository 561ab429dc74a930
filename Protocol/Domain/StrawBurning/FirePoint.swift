import Foundation

/// A fire point as users see it: the report, who made it, and what followed.
public struct FirePoint: Hashable, Sendable {
    public var id: UUID
    public var report: FirePointReport
    public var reportedBy: String
    public var reportedFrom: UUID
    public var recordedAt: Timestamp
    public var response: FireResponseRecorded?
    public var accountability: [FireAccountabilityRecorded] = []

    public var location: GeoPoint { report.location }
    public var observedAt: Timestamp { report.observedAt }
    public var note: String { report.note }

    /// From observation to extinguishing, in minutes, once put out.
    public var responseMinutes: Int64? {
        response.map { $0.extinguishedAt.milliseconds(since: observedAt) / 60_000 }
    }
}

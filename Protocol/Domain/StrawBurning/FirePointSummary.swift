import Foundation

/// What lists and reviews show of a fire point: the columns of the store's `fire_point` table,
/// kept up to date with its events. The whole ``FirePoint`` is folded from its own events when
/// one is shown or exported.
public struct FirePointSummary: Hashable, Sendable {
    public var id: UUID
    public var node: String?
    public var location: GeoPoint
    public var observedAt: Timestamp
    public var reportedBy: String
    public var note: String
    /// From observation to extinguishing, in minutes, once put out.
    public var responseMinutes: Int64?

    public init(id: UUID, node: String?, location: GeoPoint, observedAt: Timestamp, reportedBy: String = "", note: String = "",
                responseMinutes: Int64?) {
        self.id = id
        self.node = node
        self.location = location
        self.observedAt = observedAt
        self.reportedBy = reportedBy
        self.note = note
        self.responseMinutes = responseMinutes
    }

    public init(_ point: FirePoint) {
        self.init(id: point.id, node: point.report.node, location: point.location, observedAt: point.observedAt,
                  reportedBy: point.reportedBy, note: point.note, responseMinutes: point.responseMinutes)
    }
}

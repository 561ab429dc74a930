import Foundation

/// What reviews read of a fire point: the columns of the store's `fire_point` table, kept up to
/// date with its events.
public struct FirePointSummary: Hashable, Sendable {
    public var id: UUID
    public var node: String?
    public var location: GeoPoint
    public var observedAt: Timestamp
    /// From observation to extinguishing, in minutes, once put out.
    public var responseMinutes: Int64?

    public init(id: UUID, node: String?, location: GeoPoint, observedAt: Timestamp, responseMinutes: Int64?) {
        self.id = id
        self.node = node
        self.location = location
        self.observedAt = observedAt
        self.responseMinutes = responseMinutes
    }

    public init(_ point: FirePoint) {
        self.init(id: point.id, node: point.report.node, location: point.location, observedAt: point.observedAt,
                  responseMinutes: point.responseMinutes)
    }
}

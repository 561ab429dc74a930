import Foundation

/// Stations' daily means and the counties' season targets, from their events: the latest record
/// of a station's day stands (a re-import corrects it), the latest target of a county and season.
public struct AirQuality: Projection {
    public static let eventTypes: Set<EventType> = [AirDailyRecorded.eventType, AirTargetSet.eventType]

    /// By station, then day (`YYYY-MM-DD`).
    public private(set) var daily: [String: [String: AirDailyRecorded]] = [:]
    /// By county, then season.
    public private(set) var targets: [String: [Int: AirTargetSet]] = [:]

    public init() {}

    public mutating func apply(_ event: Event) {
        switch event.type {
        case AirDailyRecorded.eventType:
            guard let record = try? PayloadCodec.decode(AirDailyRecorded.self, from: event) else { return }
            daily[record.station, default: [:]][record.day] = record
        case AirTargetSet.eventType:
            guard let target = try? PayloadCodec.decode(AirTargetSet.self, from: event) else { return }
            targets[target.node, default: [:]][target.season] = target
        default:
            return
        }
    }
}

import Foundation
import LantianDomain
import LantianFiles

/// Air-quality data imported and the counties' season against their targets (时序进度).
extension FieldClient {
    /// Imports station data (hourly or daily): one record per station and day not held already
    /// with the same means; a changed day is recorded again and the later record stands.
    public func importAirData(path: String, now: Timestamp) throws -> (recorded: Int, unchanged: Int, problems: [RowProblem]) {
        let file = try AirStationFile(path: path)
        let held = try store.project(AirQuality.self)
        var drafts: [EventDraft] = []
        for day in file.days where held.daily[day.station]?[day.day] != day {
            guard let node = try placeNode(day.node, location: nil) else { throw FieldError.gridNotSynced }
            var record = day
            record.node = node
            drafts.append(try EventDraft(subject: newSubject(now), payload: record))
        }
        if !drafts.isEmpty { _ = try record(drafts, now: now) }
        return (drafts.count, file.days.count - drafts.count, file.problems)
    }

    /// The counties this user sees (their own, or every one under their city), over the season
    /// starting in October of `season`, as of now.
    public func airQualityPace(season: Int, now: Timestamp) throws -> AirQualityPace {
        let grid = try store.grid()
        let scope = try profile().map { GridScope(user: $0, grid: grid) }
        let counties = grid.nodes.values.filter { $0.level == .county && !$0.isRetired && (scope?.overlaps($0.code) ?? true) }
        return AirQualityPace(season: season, counties: counties, air: try store.project(AirQuality.self), asOf: now)
    }
}

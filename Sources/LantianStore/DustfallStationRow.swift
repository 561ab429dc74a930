import Foundation
import GRDB
import LantianDomain

/// A row of the `dustfall_station` read model: one dust-fall station and its readings in canonical
/// order, as their events fold them.
struct DustfallStationRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "dustfall_station"

    var code: String
    var node: String
    var registration: DustfallStationRegistered
    var readings: [DustfallNetwork.Reading]

    init(_ station: DustfallStationRegistered, readings: [DustfallNetwork.Reading]) {
        (code, node, registration, self.readings) = (station.code, station.node, station, readings)
    }

    /// Every station; a row that does not hold one (a damaged store) throws ``StoreError/damaged(_:)``.
    static func all(_ db: Database) throws -> [DustfallStationRow] {
        do { return try fetchAll(db) } catch { throw StoreError.damaged("a dust-fall station row cannot be read (\(error)): run lantian rebuild") }
    }
}

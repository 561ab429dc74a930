import Foundation
import GRDB
import LantianDomain

/// The three small inspection categories as tables: the scattered-polluting ledger (台账), dust
/// sites with their inspections, and dust-fall stations with their readings, a row per record,
/// re-folded from the record's own events whenever a write touches one of them.
///
/// A sign-off step is judged by the sign-off list in force where and when it was taken (the grid
/// and the lists as they then stood, from `grid_definition` and the lists' events), so a change of
/// the grid or of a list re-folds every enterprise: a county has hundreds, and such changes are
/// rare. The settings views apply as they are now (checklists, monitoring thresholds, dust-fall
/// limits, sign-off lists) are a few events, read by type.
extension EventStore {
    /// The scattered-polluting ledger.
    public func enterprises() throws -> Enterprises {
        try read { db in Enterprises(signOffs: try Self.signOffHistory(db), enterprises: try EnterpriseRow.all(db)) }
    }

    /// Dust sites, their inspections and the checklists in force.
    public func dustSites() throws -> DustSites {
        try read { db in
            var sites = DustSites(grid: try Self.grid(db), sites: try DustSiteRow.all(db))
            try Self.forEachEvent(db, ofTypes: DustSites.settingTypes) { sites.apply($0) }
            return sites
        }
    }

    /// The enterprises as they stood at `end`: their events recorded before it, folded as the
    /// ledger folds them (a past month's ledger, which later dispositions do not change).
    public func enterprises(asOf end: Timestamp) throws -> Enterprises {
        try read { db in
            var ledger = Enterprises(signOffs: try Self.signOffHistory(db))
            try Self.forEachEvent(db, ofTypes: Enterprises.subjectTypes) { if $0.recordedAt < end { ledger.apply($0) } }
            return ledger
        }
    }

    /// The dust sites, their inspections and the checklists as they stood at `end` (a site
    /// registered later was not due that month).
    public func dustSites(asOf end: Timestamp) throws -> DustSites {
        try read { db in
            var sites = DustSites(grid: try Self.grid(db), sites: [])
            try Self.forEachEvent(db, ofTypes: DustSites.subjectTypes.union(DustSites.settingTypes)) { if $0.recordedAt < end { sites.apply($0) } }
            return sites
        }
    }

    /// Dust-fall stations, their readings and the limits in force.
    public func dustfallNetwork() throws -> DustfallNetwork {
        try read { db in
            let stations = try DustfallStationRow.all(db)
            var network = DustfallNetwork(grid: try Self.grid(db), stations: stations.map(\.registration), readings: Dictionary(
                stations.filter { !$0.readings.isEmpty }.map { ($0.code, $0.readings) }, uniquingKeysWith: { first, _ in first }))
            try Self.forEachEvent(db, ofTypes: [DustfallLimitSet.eventType]) { network.apply($0) }
            return network
        }
    }

    // MARK: Keeping the tables

    /// The sign-off lists over time: every grid definition from its table, every list from its events.
    private static func signOffHistory(_ db: Database) throws -> SignOffHistory {
        var nodes: [(code: String, parent: String?, position: CanonicalPosition)] = []
        let damaged = StoreError.damaged("a grid definition row cannot be read: run lantian rebuild")
        for row in try Row.fetchAll(db, sql: "SELECT code, hlc, device, cseq, parent FROM grid_definition") {
            do {
                guard let hlc = HybridTimestamp(packed: try row.decode(atIndex: 1)) else { throw damaged }
                nodes.append((try row.decode(atIndex: 0), try row.decode(atIndex: 4),
                               CanonicalPosition(hlc: hlc, device: try row.decode(atIndex: 2), cseq: try row.decode(atIndex: 3))))
            } catch {
                throw damaged
            }
        }
        var history = SignOffHistory(nodes: nodes, departments: [])
        try forEachEvent(db, ofTypes: [SignOffDepartmentsDefined.eventType]) { history.apply($0) }
        return history
    }

    /// Re-folds the enterprises `subjects` from their own events, each step judged by the sign-off list then in force.
    static func refoldEnterprises(_ db: Database, _ subjects: Set<UUID>) throws {
        guard !subjects.isEmpty else { return }
        var ledger = Enterprises(signOffs: try signOffHistory(db))
        for event in try events(db, about: subjects, ofTypes: Enterprises.subjectTypes) { ledger.apply(event) }
        for subject in subjects {
            if let enterprise = ledger[subject] { try EnterpriseRow(enterprise).upsert(db) } else { _ = try EnterpriseRow.deleteOne(db, key: subject) }
        }
    }

    /// Every enterprise with a row: what a change of the grid or of a sign-off list re-folds.
    static func enterpriseIDs(_ db: Database) throws -> Set<UUID> {
        Set(try UUID.fetchAll(db, sql: "SELECT id FROM enterprise"))
    }

    /// Re-folds the dust sites `subjects` from their own events.
    static func refoldDustSites(_ db: Database, _ subjects: Set<UUID>) throws {
        guard !subjects.isEmpty else { return }
        let sites = DustSites.fold(try events(db, about: subjects, ofTypes: DustSites.subjectTypes))
        for subject in subjects {
            if let site = sites[subject] { try DustSiteRow(site).upsert(db) } else { _ = try DustSiteRow.deleteOne(db, key: subject) }
        }
    }

    /// Notes a dust-fall registration or reading stored or removed; returns the station it names.
    static func noteDustfallEvent(_ db: Database, event id: UUID) throws -> String? {
        if let event = try Event.fetchOne(db, sql: "SELECT \(Event.columns) FROM event WHERE id = ?", arguments: [id]) {
            return try mapStation(db, event)
        }
        let station = try String.fetchOne(db, sql: "SELECT station FROM dustfall_event WHERE event = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM dustfall_event WHERE event = ?", arguments: [id])
        return station
    }

    /// Notes which station `event` names, if it can be read; returns it.
    private static func mapStation(_ db: Database, _ event: Event) throws -> String? {
        guard let station = DustfallNetwork.station(of: event) else { return nil }
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO dustfall_event (event, station) VALUES (?, ?)").execute(arguments: [event.id, station])
        return station
    }

    /// Re-folds the dust-fall stations `codes` from the registrations and readings that name them.
    static func refoldStations(_ db: Database, _ codes: Set<String>) throws {
        for code in codes {
            let network = DustfallNetwork.fold(try Event.fetchAll(db, sql: """
                SELECT \(Event.columns) FROM event WHERE id IN (SELECT event FROM dustfall_event WHERE station = ?) AND \(notRefused)
                """, arguments: [code]))
            if let station = network.stations[code] {
                try DustfallStationRow(station, readings: network.readings[code] ?? []).upsert(db)
            } else {
                _ = try DustfallStationRow.deleteOne(db, key: code)
            }
        }
    }

    /// Fills the three categories' tables from the events, the way a write keeps them; the grid's
    /// tables must be filled first.
    static func rebuildCategories(_ db: Database) throws {
        func subjects(ofTypes types: Set<EventType>) throws -> Set<UUID> {
            let types = types.map(\.rawValue)
            return Set(try UUID.fetchAll(db, sql: "SELECT DISTINCT subject FROM event WHERE type IN (\(databaseQuestionMarks(count: types.count)))",
                                         arguments: StatementArguments(types)))
        }
        try refoldEnterprises(db, try subjects(ofTypes: Enterprises.subjectTypes))
        try refoldDustSites(db, try subjects(ofTypes: DustSites.subjectTypes))
        var stations = Set<String>()
        try forEachEvent(db, ofTypes: DustfallNetwork.stationTypes) { event in
            if let station = try mapStation(db, event) { stations.insert(station) }
        }
        try refoldStations(db, stations)
    }

    /// The types of the three categories' own events.
    static let categoryTypes = Enterprises.subjectTypes.union(DustSites.subjectTypes).union(DustfallNetwork.stationTypes)
}

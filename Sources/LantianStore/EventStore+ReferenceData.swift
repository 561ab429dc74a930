import Foundation
import GRDB
import LantianDomain

/// Reference data as tables: the grid, users, enrolled devices and the sync backlog, which every
/// check and view looks up. The grid and the devices change rarely and are small, so a change to
/// either re-folds it whole (exact by construction); a user's registrations and a device's sync
/// reports are re-read per user and per device.
extension EventStore {
    /// The grid tree, every node as its latest definition holds it.
    public func grid() throws -> Grid {
        try read { db in try Self.grid(db) }
    }

    /// Every grid node's name, by code (boundaries left unread).
    public func nodeNames() throws -> [String: String] {
        try read { db in
            Dictionary(try Row.fetchAll(db, sql: "SELECT code, name FROM grid_node").map { (try $0.decode(atIndex: 0) as String, try $0.decode(atIndex: 1) as String) },
                       uniquingKeysWith: { first, _ in first })
        }
    }

    /// Whether `node` is `ancestor` or lies below it (the grid's ancestry; boundaries left unread).
    public func node(_ node: String, isWithin ancestor: String) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM grid_ancestry WHERE ancestor = ? AND node = ?)", arguments: [ancestor, node]) ?? false
        }
    }

    /// The codes of the grid nodes that were retired (撤销).
    public func retiredNodes() throws -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT code FROM grid_node WHERE retired = 1")) }
    }

    /// The name of the grid node `code`, if the grid holds it.
    public func nodeName(of code: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT name FROM grid_node WHERE code = ?", arguments: [code]) }
    }

    /// Whether the store holds any grid node (a device that has synced once does).
    public func hasGrid() throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM grid_node)") ?? false }
    }

    /// Every user as their latest registration holds them.
    public func directory() throws -> Directory {
        try read { db in
            Directory(users: try Row.fetchAll(db, sql: """
                SELECT name, role, scope FROM (
                    SELECT name, role, scope, ROW_NUMBER() OVER (PARTITION BY name ORDER BY hlc DESC, device DESC, cseq DESC) AS latest
                    FROM user_registration)
                WHERE latest = 1
                """).map(Self.user(row:)))
        }
    }

    /// The user `name` as their latest registration holds them, if registered.
    public func user(named name: String) throws -> UserRegistered? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT name, role, scope FROM user_registration WHERE name = ? ORDER BY hlc DESC, device DESC, cseq DESC LIMIT 1",
                             arguments: [name]).map(Self.user(row:))
        }
    }

    /// Every enrolled device, its key, and its revocation.
    public func deviceKeys() throws -> DeviceKeys {
        try read { db in DeviceKeys(devices: try Row.fetchAll(db, sql: "SELECT * FROM device_key").map { try DeviceKeyRow(row: $0).device }) }
    }

    /// The enrolled device `id`, if enrolled.
    public func enrolledDevice(_ id: UUID) throws -> DeviceKeys.Device? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM device_key WHERE device = ?", arguments: [id]).map { try DeviceKeyRow(row: $0).device } }
    }

    /// Per device: when the server last saw it, and how many of its events were waiting.
    public func syncBacklog() throws -> SyncBacklog {
        try read { db in SyncBacklog(devices: try Row.fetchAll(db, sql: "SELECT * FROM device_sync").map { try DeviceSyncRow(row: $0).device }) }
    }

    // MARK: Reading within a transaction

    static func grid(_ db: Database) throws -> Grid {
        Grid(nodes: try Row.fetchAll(db, sql: "SELECT * FROM grid_node").map { try GridNodeRow(row: $0).node })
    }

    private static func user(row: Row) throws -> UserRegistered {
        guard let name: String = try? row.decode(forColumn: "name"), let scope: String = try? row.decode(forColumn: "scope"),
              let role = Role(rawValue: (try? row.decode(forColumn: "role")) ?? "") else {
            throw StoreError.damaged("a user registration row cannot be read: run lantian rebuild")
        }
        return UserRegistered(name: name, role: role, scope: scope)
    }

    // MARK: Keeping the tables

    /// Re-folds the grid: every node's latest definition, every node with its ancestors, and every
    /// definition with its place in the canonical order.
    static func refreshGrid(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM grid_node; DELETE FROM grid_ancestry; DELETE FROM grid_definition")
        var nodes: [String: GridNodeDefined] = [:]
        try forEachEvent(db, ofTypes: [GridNodeDefined.eventType]) { event in
            guard let node = try? PayloadCodec.decode(GridNodeDefined.self, from: event) else { return }
            nodes[node.code] = node
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO grid_definition (code, hlc, device, cseq, parent) VALUES (?, ?, ?, ?, ?)")
                .execute(arguments: [node.code, event.hlc.packed, event.device, event.cseq, node.parent])
        }
        let grid = Grid(nodes: nodes.values)
        for node in grid.nodes.values {
            try GridNodeRow(node).save(db)
            for ancestor in grid.lineage(of: node.code) {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO grid_ancestry (ancestor, node) VALUES (?, ?)").execute(arguments: [ancestor.code, node.code])
            }
        }
    }

    /// Applies newly stored enrolments and revocations to the rows they concern (the devices and
    /// credentials they name), as a fold would; re-folds every device instead when one of them does
    /// not come after every device event already stored, in the canonical order a fold follows. A
    /// server enrolling its ten-thousandth device no longer decodes the other 9,999 enrolments.
    static func continueDeviceKeys(_ db: Database, with ids: [UUID]) throws {
        let new = try Row.fetchAll(db, sql: """
            SELECT \(Event.columns) FROM event WHERE id IN (\(databaseQuestionMarks(count: ids.count))) ORDER BY hlc, device, cseq
            """, arguments: StatementArguments(ids)).map(Event.init(row:))
        guard let first = new.first else { return }
        let types = DeviceKeys.eventTypes.map(\.rawValue)
        let storedAfterFirst = try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM event WHERE type IN (\(databaseQuestionMarks(count: types.count)))
                           AND id NOT IN (\(databaseQuestionMarks(count: ids.count))) AND (hlc, device, cseq) > (?, ?, ?))
            """, arguments: StatementArguments(types) + StatementArguments(ids) + [first.hlc.packed, first.device, first.cseq]) ?? true
        if storedAfterFirst { return try refreshDeviceKeys(db) }
        var named = Set<UUID>()
        for event in new {
            if let enrolment = try? PayloadCodec.decode(DeviceEnrolled.self, from: event) { named.formUnion([enrolment.device, enrolment.credential]) }
            if let revocation = try? PayloadCodec.decode(DeviceRevoked.self, from: event) { named.insert(revocation.credential) }
        }
        let list = Array(named)
        var keys = DeviceKeys(devices: try Row.fetchAll(db, sql: """
            SELECT * FROM device_key WHERE device IN (\(databaseQuestionMarks(count: list.count))) OR credential IN (\(databaseQuestionMarks(count: list.count)))
            """, arguments: StatementArguments(list + list)).map { try DeviceKeyRow(row: $0).device })
        for event in new { keys.apply(event) }
        for device in keys.devices.values { try DeviceKeyRow(device).save(db) }
    }

    /// Re-folds the enrolled devices (a revocation reaches every device of its credential).
    static func refreshDeviceKeys(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM device_key")
        for device in try fold(db, DeviceKeys.self).devices.values { try DeviceKeyRow(device).save(db) }
    }

    /// Re-reads the sync reports about `devices`, newest first: a device is as its latest report
    /// says, last synced when its latest report of a sync was recorded.
    static func refreshSyncBacklog(_ db: Database, devices: Set<UUID>) throws {
        for device in devices {
            try db.execute(sql: "DELETE FROM device_sync WHERE device = ?", arguments: [device])
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(Event.columns) FROM event INDEXED BY event_by_subject WHERE subject = ? AND type = ?
                ORDER BY hlc DESC, device DESC, cseq DESC
                """, arguments: [device, DeviceSyncReported.eventType.rawValue])
            var latest: SyncBacklog.Device?
            while let row = try rows.next() {
                let event = try Event(row: row)
                guard let report = try? PayloadCodec.decode(DeviceSyncReported.self, from: event) else { continue }
                if latest == nil {
                    latest = SyncBacklog.Device(device: report.device, actor: report.actor, lastSeen: event.recordedAt, waiting: report.waiting,
                                                clockSkew: report.clockSkew)
                }
                if report.synced {
                    latest?.lastSynced = event.recordedAt
                    break
                }
            }
            if let latest { try DeviceSyncRow(latest).save(db) }
        }
    }
}

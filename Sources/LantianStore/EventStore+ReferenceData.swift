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

    /// Re-folds the grid: every node's latest definition, and every node with its ancestors.
    static func refreshGrid(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM grid_node; DELETE FROM grid_ancestry")
        let grid = try fold(db, Grid.self)
        for node in grid.nodes.values {
            try GridNodeRow(node).save(db)
            for ancestor in grid.lineage(of: node.code) {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO grid_ancestry (ancestor, node) VALUES (?, ?)").execute(arguments: [ancestor.code, node.code])
            }
        }
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

/// The three small inspection categories, read whole: each folded from its records', its
/// settings' and the grid's events, as the specification folds them. A step is judged by the grid
/// and settings as they stood when it was taken (a cell moved later does not change which sign-off
/// list a past step met), which a table of the grid as it is now cannot say; and they are few (a
/// county's enterprises, building sites and stations: hundreds, against the hundreds of thousands
/// of issue events), so the fold reads only their own events, by the index by type.
extension EventStore {
    /// The scattered-polluting ledger (台账).
    public func enterprises() throws -> Enterprises { try read { db in try Self.fold(db, Enterprises.self) } }

    /// Dust sites, their inspections and the checklists in force.
    public func dustSites() throws -> DustSites { try read { db in try Self.fold(db, DustSites.self) } }

    /// Dust-fall stations, their readings and the limits in force.
    public func dustfallNetwork() throws -> DustfallNetwork { try read { db in try Self.fold(db, DustfallNetwork.self) } }
}

import Foundation
import GRDB
import LantianDomain

/// A row of the `device_sync` read model: when the server last saw a device, and what was waiting.
struct DeviceSyncRow {
    static let databaseTableName = "device_sync"

    enum Columns: String, ColumnExpression, CaseIterable {
        case device, actor, lastSeen, lastSynced, waiting, clockSkew
    }

    var device: SyncBacklog.Device

    init(_ device: SyncBacklog.Device) { self.device = device }

    /// Reads a row; one that does not hold a device (a damaged store) throws ``StoreError/damaged(_:)``.
    init(row: Row) throws {
        do {
            let lastSynced: Int64? = try row.decode(forColumn: Columns.lastSynced), skew: Int64? = try row.decode(forColumn: Columns.clockSkew)
            device = SyncBacklog.Device(
                device: try row.decode(forColumn: Columns.device), actor: try row.decode(forColumn: Columns.actor),
                lastSeen: Timestamp(millisecondsSince1970: try row.decode(forColumn: Columns.lastSeen)),
                lastSynced: lastSynced.map(Timestamp.init(millisecondsSince1970:)), waiting: try row.decode(forColumn: Columns.waiting),
                clockSkew: skew.map(ClockSkew.init(milliseconds:)))
        } catch {
            throw StoreError.damaged("a device sync row cannot be read (\(error)): run lantian rebuild")
        }
    }

    /// Inserts the row, or replaces the row of the same device.
    func save(_ db: Database) throws {
        try db.cachedStatement(sql: Self.saveSQL).execute(arguments: [
            device.device, device.actor, device.lastSeen.millisecondsSince1970, device.lastSynced?.millisecondsSince1970,
            device.waiting, device.clockSkew?.milliseconds,
        ])
    }

    private static let saveSQL = """
        INSERT OR REPLACE INTO device_sync (\(Columns.allCases.map(\.name).joined(separator: ", ")))
        VALUES (\(databaseQuestionMarks(count: Columns.allCases.count)))
        """
}

import Foundation
import GRDB
import LantianDomain

extension EventStore {
    /// Whether the server holds more of this device's events than it recorded, or another event at
    /// the server's highest: the store was restored from an older copy, and the sequence numbers it
    /// hands out now clash with what the server already holds.
    public func wasRolledBack(device: UUID, serverAcknowledged cseq: Int64, at event: UUID?) throws -> Bool {
        guard cseq > 0 else { return false }
        return try highestCseq(of: device) < cseq || eventID(of: device, at: cseq) != event
    }

    /// Recovers a store restored from an older copy, in one transaction: moves this device's events
    /// after `acknowledged` (the last the server had confirmed to this copy) to the set-aside table,
    /// and gives the store a new device id that starts from nothing acknowledged. Pull everything,
    /// then call ``recordSetAsideAgain()``. Returns the new device.
    public func setAsideAfterRollback(acknowledged: Int64) throws -> LocalDevice {
        try write { db in
            guard let old = try Row.fetchOne(db, sql: "SELECT id, actor, server FROM local_device") else { throw StoreError.noLocalDevice }
            let oldID: UUID = try old.decode(forColumn: "id")
            try db.execute(sql: """
                INSERT INTO set_aside (\(Event.columns)) SELECT \(Event.columns)
                FROM event WHERE device = ? AND cseq > ? ORDER BY cseq
                """, arguments: [oldID, acknowledged])
            try db.execute(sql: "DELETE FROM event WHERE device = ? AND cseq > ?", arguments: [oldID, acknowledged])
            let newID = UUID()
            try db.execute(sql: "UPDATE local_device SET id = ?, credential = coalesce(credential, ?)", arguments: [newID, oldID])
            guard let device = try Self.localDevice(db) else { throw StoreError.noLocalDevice }
            try db.execute(sql: "UPDATE sync_state SET acknowledgedCseq = 0")
            return device
        }
    }

    /// How many events are set aside, waiting to be recorded again.
    public func setAsideCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM set_aside") ?? 0 }
    }

    /// Once the pull has caught up: drops each set-aside event the server sent back (it was already
    /// there) and records each other again under this store's device, with the next sequence
    /// numbers and its id, author, clock reading and content unchanged. Returns how many were recorded again.
    @discardableResult
    public func recordSetAsideAgain() throws -> Int {
        try write { db in
            guard let device = try UUID.fetchOne(db, sql: "SELECT id FROM local_device") else { throw StoreError.noLocalDevice }
            var (cseq, previous) = try Self.chainEnd(db, device: device)
            var recorded = 0
            for var event in try Row.fetchAll(db, sql: "SELECT \(Event.columns) FROM set_aside ORDER BY cseq").map(Event.init(row:)) {
                try db.execute(sql: "DELETE FROM set_aside WHERE id = ?", arguments: [event.id])
                guard try Int.fetchOne(db, sql: "SELECT 1 FROM event WHERE id = ?", arguments: [event.id]) == nil else { continue }
                cseq += 1
                (event.device, event.cseq, event.previous) = (device, cseq, previous)
                try event.insert(into: db)
                previous = EventChain.hash(of: event)
                try Self.noteRecordedHash(db, event, hash: previous)
                recorded += 1
            }
            return recorded
        }
    }
}

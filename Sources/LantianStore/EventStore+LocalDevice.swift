import Foundation
import GRDB
import LantianProtocol

extension EventStore {
    /// This client store's device, or `nil` before set-up.
    public func localDevice() throws -> LocalDevice? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT id, actor, server FROM local_device").map {
                LocalDevice(id: $0["id"], actor: $0["actor"], server: $0["server"])
            }
        }
    }

    /// Gives this store a device identity, keeping an existing device id: a device's events must
    /// all carry the same id, so set-up never changes it. Changes the actor and server.
    @discardableResult
    public func setUpLocalDevice(actor: String, server: String?) throws -> LocalDevice {
        try database.write { db in
            let id = try UUID.fetchOne(db, sql: "SELECT id FROM local_device") ?? UUID()
            try db.execute(sql: """
                INSERT INTO local_device (singleton, id, actor, server) VALUES (1, ?, ?, ?)
                ON CONFLICT (singleton) DO UPDATE SET actor = excluded.actor, server = excluded.server
                """, arguments: [id, actor, server])
            return LocalDevice(id: id, actor: actor, server: server)
        }
    }

    /// Records a new event from this device: gives it an id, the next sequence number and a clock
    /// reading later than every event stored, all in the transaction that stores it.
    public func record(_ draft: EventDraft, device: LocalDevice, now: Timestamp) throws -> Event {
        try database.write { db in
            let cseq = try Int64.fetchOne(db, sql: "SELECT MAX(cseq) FROM event WHERE device = ?",
                                          arguments: [device.id]) ?? 0
            let latestClock = try Int64.fetchOne(db, sql: "SELECT MAX(hlc) FROM event")
                .flatMap(HybridTimestamp.init(packed:)) ?? .zero
            var random = SystemRandomNumberGenerator()
            let event = Event(
                id: .version7(at: now, using: &random), device: device.id, cseq: cseq + 1, actor: device.actor,
                hlc: latestClock.next(now: now), recordedAt: now, subject: draft.subject, type: draft.type,
                schema: draft.schema, payload: draft.payload)
            try event.insert(into: db)
            return event
        }
    }
}

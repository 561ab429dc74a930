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
        try write { db in
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
        try record([draft], device: device, now: now)[0]
    }

    /// Records several events from this device in one transaction: all are stored, or none
    /// (an inspection and the issues it opens, say).
    ///
    /// - Parameter accepting: on a server, also give each event the next global sequence number,
    ///   as if it had been pushed (events an administrator records on the server itself).
    public func record(_ drafts: [EventDraft], device: LocalDevice, now: Timestamp, accepting: Bool = false) throws -> [Event] {
        try write { db in try Self.record(db, drafts, device: device, now: now, accepting: accepting) }
    }

    static func record(_ db: Database, _ drafts: [EventDraft], device: LocalDevice, now: Timestamp, accepting: Bool) throws -> [Event] {
        var cseq = try Int64.fetchOne(db, sql: "SELECT MAX(cseq) FROM event WHERE device = ?", arguments: [device.id]) ?? 0
        var clock = try Int64.fetchOne(db, sql: "SELECT MAX(hlc) FROM event").flatMap(HybridTimestamp.init(packed:)) ?? .zero
        var sseq = try Int64.fetchOne(db, sql: "SELECT MAX(sseq) FROM event") ?? 0
        var random = SystemRandomNumberGenerator()
        return try drafts.map { draft in
            cseq += 1
            clock = clock.next(now: now)
            sseq += 1
            let event = Event(
                id: .version7(at: now, using: &random), device: device.id, cseq: cseq, actor: device.actor, hlc: clock,
                recordedAt: now, subject: draft.subject, type: draft.type, schema: draft.schema, payload: draft.payload)
            try event.insert(into: db, sseq: accepting ? sseq : nil, receivedAt: accepting ? now : nil)
            return event
        }
    }
}

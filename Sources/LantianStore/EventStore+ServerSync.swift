import Foundation
import GRDB
import LantianProtocol

/// What accepting a pushed batch did.
public struct PushOutcome: Hashable, Sendable {
    /// The device's highest sequence number now handled: stored or quarantined.
    public var acknowledgedCseq: Int64
    /// Events of the batch refused for good (quarantined), including ones refused before and resent.
    public var rejected: [Rejection]
}

/// Why the server refuses a pushed batch; nothing of the batch is stored.
public enum PushRefusal: Error, Hashable, Sendable {
    /// The batch skips sequence numbers: the device must resend from `expected`.
    case gap(expected: Int64, received: Int64)
    /// An event reuses a stored id or sequence number with different content.
    case conflict(id: UUID, cseq: Int64)
    /// An event was recorded by another device than the one pushing it.
    case foreignDevice(id: UUID, device: UUID)
}

extension EventStore {
    /// The highest sequence number of `device` that this store holds (0 for none): on the server, what
    /// it has acknowledged; on the device itself, the last it recorded.
    public func highestCseq(of device: UUID) throws -> Int64 {
        try database.read { db in try Self.highestCseq(db, device: device) }
    }

    /// The id of `device`'s event with sequence number `cseq`, stored or quarantined, if this store holds it.
    public func eventID(of device: UUID, at cseq: Int64) throws -> UUID? {
        try database.read { db in
            try UUID.fetchOne(db, sql: """
                SELECT id FROM event WHERE device = ?1 AND cseq = ?2 UNION ALL SELECT id FROM quarantine WHERE device = ?1 AND cseq = ?2
                """, arguments: [device, cseq])
        }
    }

    /// The highest global sequence number assigned (0 for none).
    public func head() throws -> Int64 {
        try database.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(sseq) FROM event") ?? 0 }
    }

    /// Whether the event with `id` is the one this server numbered `sseq`: a client's cursor is
    /// still good here. Cursor 0 always is.
    public func holds(_ id: UUID?, at sseq: Int64) throws -> Bool {
        guard sseq > 0 else { return true }
        guard let id else { return false }
        return try database.read { db in
            try UUID.fetchOne(db, sql: "SELECT id FROM event WHERE sseq = ?", arguments: [sseq]) == id
        }
    }

    /// Accepts a batch pushed by `device` in one transaction, giving each new event the next global
    /// sequence number. Events already stored byte for byte are skipped, so a resend stores nothing
    /// twice. An event that ``EventValidation`` refuses is quarantined with its reason instead of
    /// stored, and the device's sequence moves past it: one bad event never blocks the rest.
    ///
    /// - Throws: ``PushRefusal`` for a gap, a conflict or a foreign event; the batch is then not stored.
    public func accept(_ events: [Event], from device: UUID, receivedAt: Timestamp) throws -> PushOutcome {
        try write { db in
            var expected = try Self.highestCseq(db, device: device) + 1
            var nextSseq = (try Int64.fetchOne(db, sql: "SELECT MAX(sseq) FROM event") ?? 0) + 1
            var rejected: [Rejection] = []
            for event in events {
                guard event.device == device else { throw PushRefusal.foreignDevice(id: event.id, device: event.device) }
                if event.cseq < expected {
                    if let quarantined = try Row.fetchOne(db, sql: "SELECT id, reason FROM quarantine WHERE device = ? AND cseq = ?",
                                                           arguments: [device, event.cseq]) {
                        guard (quarantined["id"] as UUID) == event.id else { throw PushRefusal.conflict(id: event.id, cseq: event.cseq) }
                        rejected.append(Rejection(cseq: event.cseq, id: event.id, reason: quarantined["reason"]))
                        continue
                    }
                    let stored = try Row.fetchOne(db, sql: "SELECT \(Event.columns) FROM event WHERE device = ? AND cseq = ?",
                                                  arguments: [device, event.cseq]).map(Event.init(row:))
                    guard stored == event else { throw PushRefusal.conflict(id: event.id, cseq: event.cseq) }
                    continue
                }
                guard event.cseq == expected else { throw PushRefusal.gap(expected: expected, received: event.cseq) }
                if let problem = EventValidation.problem(with: event) {
                    try Self.quarantine(db, event, reason: problem, at: receivedAt, keepingPayload: true)
                    rejected.append(Rejection(cseq: event.cseq, id: event.id, reason: problem))
                } else {
                    do {
                        try event.insert(into: db, sseq: nextSseq, receivedAt: receivedAt)
                    } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                        throw PushRefusal.conflict(id: event.id, cseq: event.cseq)
                    }
                    nextSseq += 1
                }
                expected += 1
            }
            return PushOutcome(acknowledgedCseq: expected - 1, rejected: rejected)
        }
    }

    static func quarantine(_ db: Database, _ event: Event, reason: String, at time: Timestamp, keepingPayload: Bool) throws {
        try db.execute(sql: """
            INSERT INTO quarantine (device, cseq, id, type, reason, at, payload) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (device, cseq) DO NOTHING
            """, arguments: [event.device, event.cseq, event.id, event.type.rawValue, reason, time.millisecondsSince1970,
                             keepingPayload ? event.payload : nil])
    }

    /// Events refused for good, oldest first: on a server, every device's; on a device, its own.
    public func quarantined() throws -> [QuarantinedEvent] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT device, cseq, id, type, reason, at FROM quarantine ORDER BY at, device, cseq").map {
                QuarantinedEvent(device: $0["device"], cseq: $0["cseq"], id: $0["id"], type: EventType(rawValue: $0["type"]),
                                 reason: $0["reason"], at: Timestamp(millisecondsSince1970: $0["at"]))
            }
        }
    }

    /// Accepted events after global sequence `after`, at most `limit` of them and, beyond the first,
    /// no more than fit in `maxBytes` once encoded.
    public func page(after: Int64, limit: Int, maxBytes: Int) throws -> Page {
        try database.read { db in
            let head = try Int64.fetchOne(db, sql: "SELECT MAX(sseq) FROM event") ?? 0
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(Event.columns), sseq, receivedAt FROM event WHERE sseq > ? ORDER BY sseq LIMIT ?
                """, arguments: [after, limit])
            var events: [AcceptedEvent] = []
            var bytes = 0
            while let row = try rows.next() {
                let accepted = AcceptedEvent(event: try Event(row: row), sseq: row["sseq"],
                                             receivedAt: Timestamp(millisecondsSince1970: row["receivedAt"]))
                bytes += MessageCodec.encodedBytes(of: accepted)
                if bytes > maxBytes, !events.isEmpty { break }
                events.append(accepted)
            }
            return Page(events: events, head: head)
        }
    }

    /// The highest sequence number of `device` handled: stored, or quarantined.
    private static func highestCseq(_ db: Database, device: UUID) throws -> Int64 {
        let stored = try Int64.fetchOne(db, sql: "SELECT MAX(cseq) FROM event WHERE device = ?", arguments: [device]) ?? 0
        let quarantined = try Int64.fetchOne(db, sql: "SELECT MAX(cseq) FROM quarantine WHERE device = ?", arguments: [device]) ?? 0
        return max(stored, quarantined)
    }
}

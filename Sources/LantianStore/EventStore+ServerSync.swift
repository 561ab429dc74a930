import Foundation
import GRDB
import LantianProtocol

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

    /// The highest global sequence number assigned (0 for none).
    public func head() throws -> Int64 {
        try database.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(sseq) FROM event") ?? 0 }
    }

    /// Accepts a batch pushed by `device` in one transaction, giving each new event the next global
    /// sequence number. Events already stored byte for byte are skipped, so a resend stores nothing
    /// twice. Returns the device's highest stored sequence number once the batch is committed.
    ///
    /// - Throws: ``PushRefusal`` for a gap, a conflict or a foreign event; the batch is then not stored.
    public func accept(_ events: [Event], from device: UUID, receivedAt: Timestamp) throws -> Int64 {
        try database.write { db in
            var expected = try Self.highestCseq(db, device: device) + 1
            var nextSseq = (try Int64.fetchOne(db, sql: "SELECT MAX(sseq) FROM event") ?? 0) + 1
            for event in events {
                guard event.device == device else { throw PushRefusal.foreignDevice(id: event.id, device: event.device) }
                if event.cseq < expected {
                    let stored = try Row.fetchOne(db, sql: "SELECT \(Event.columns) FROM event WHERE device = ? AND cseq = ?",
                                                  arguments: [device, event.cseq]).map(Event.init(row:))
                    guard stored == event else { throw PushRefusal.conflict(id: event.id, cseq: event.cseq) }
                    continue
                }
                guard event.cseq == expected else { throw PushRefusal.gap(expected: expected, received: event.cseq) }
                do {
                    try event.insert(into: db, sseq: nextSseq, receivedAt: receivedAt)
                } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
                    throw PushRefusal.conflict(id: event.id, cseq: event.cseq)
                }
                expected += 1
                nextSseq += 1
            }
            return expected - 1
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

    private static func highestCseq(_ db: Database, device: UUID) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT MAX(cseq) FROM event WHERE device = ?", arguments: [device]) ?? 0
    }
}

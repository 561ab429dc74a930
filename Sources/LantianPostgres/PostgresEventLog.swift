import Foundation
import LantianDomain

/// The server's event log in PostgreSQL: append-only (the database itself refuses any UPDATE,
/// DELETE or TRUNCATE of an event), each device's events stored in sequence with no gaps, and a
/// global sequence (`sseq`) that a pull can read without ever skipping an event.
///
/// **The visibility problem.** A PostgreSQL sequence hands out numbers when a transaction asks, not
/// when it commits: a transaction given 7 may commit after one given 8, and a pull that read 8
/// between the two, and moved its cursor past it, would never see 7. Here every accepting
/// transaction takes its numbers by updating the one row of `event_head`, whose lock it holds until
/// it commits: the next transaction waits for it, so numbers are taken in the order transactions
/// commit, and what any snapshot sees is a prefix 1…n (`EventLogTests` checks it under concurrent
/// accepts on several connections, as several `lantiand` nodes would make them).
///
/// Every accepting transaction also notifies channel ``headChannel`` with its last number, which
/// PostgreSQL delivers at the commit to every connection that listens: how the `lantiand` nodes on
/// one database learn of each other's accepts, to tell their own subscribed devices.
///
/// ```swift
/// let log = try PostgresEventLog(connection)
/// let accepted = try log.append(events, receivedAt: now)   // numbered, committed
/// let page = try log.page(after: cursor, limit: 1_000)
/// ```
public final class PostgresEventLog {
    private let connection: PostgresConnection

    /// Opens the log on `connection`, creating its tables if the database has none yet (one node
    /// at a time: several starting together wait for each other on an advisory lock).
    public init(_ connection: PostgresConnection) throws {
        self.connection = connection
        try connection.transaction {
            try connection.query("SELECT pg_advisory_xact_lock($1)", ["\(Self.schemaLock)"])
            try connection.execute(Self.schema)
        }
    }

    /// The notification channel that carries the head after each accept (`LISTEN lantian_head`).
    public static let headChannel = "lantian_head"

    /// The advisory lock key that serialises schema changes ("LT" + 1).
    static let schemaLock: Int64 = 0x4C54_0001

    /// The tables, their constraints and the triggers that make events append-only.
    static let schema = """
        CREATE TABLE IF NOT EXISTS event (
            sseq bigint PRIMARY KEY CHECK (sseq >= 1),
            id uuid NOT NULL UNIQUE,
            device uuid NOT NULL,
            cseq bigint NOT NULL CHECK (cseq >= 1),
            actor text NOT NULL,
            hlc bigint NOT NULL,
            recorded_at bigint NOT NULL,
            subject uuid NOT NULL,
            type text NOT NULL,
            schema integer NOT NULL,
            payload bytea NOT NULL,
            previous bytea NOT NULL,
            received_at bigint NOT NULL,
            UNIQUE (device, cseq)
        );
        CREATE TABLE IF NOT EXISTS event_head (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            sseq bigint NOT NULL
        );
        INSERT INTO event_head VALUES (true, 0) ON CONFLICT DO NOTHING;
        CREATE OR REPLACE FUNCTION lantian_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'events are append-only: % of % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'LT001';
        END $$;
        CREATE OR REPLACE TRIGGER event_append_only BEFORE UPDATE OR DELETE ON event
            FOR EACH ROW EXECUTE FUNCTION lantian_refuse_change();
        CREATE OR REPLACE TRIGGER event_never_truncated BEFORE TRUNCATE ON event
            FOR EACH STATEMENT EXECUTE FUNCTION lantian_refuse_change();
        """

    /// Why a batch was not stored.
    public enum Refusal: Error, Hashable, Sendable {
        /// The batch does not continue its device's events: the log holds them through `held`.
        case gap(device: UUID, held: Int64, first: Int64)
        /// The batch mixes devices or is out of order.
        case notOneDevicesSequence
    }

    /// Stores one device's consecutive events (continuing what the log holds of that device) in one
    /// transaction, numbering them after every event committed before; returns them as accepted.
    public func append(_ events: [Event], receivedAt: Timestamp) throws -> [AcceptedEvent] {
        guard let first = events.first else { return [] }
        guard events.allSatisfy({ $0.device == first.device }),
              zip(events, events.dropFirst()).allSatisfy({ $0.cseq + 1 == $1.cseq }) else { throw Refusal.notOneDevicesSequence }
        return try connection.transaction {
            let held = try Int64(connection.query("SELECT COALESCE(MAX(cseq), 0) FROM event WHERE device = $1",
                                                  [first.device.uuidString])[0][0] ?? "0") ?? 0
            guard first.cseq == held + 1 else { throw Refusal.gap(device: first.device, held: held, first: first.cseq) }
            // The head's row lock, held to the commit, orders the numbers as the commits.
            let last = try Int64(connection.query("UPDATE event_head SET sseq = sseq + $1 RETURNING sseq", ["\(events.count)"])[0][0] ?? "") ?? 0
            var sseq = last - Int64(events.count)
            try connection.query("SELECT pg_notify($1, $2)", [Self.headChannel, "\(last)"])
            return try events.map { event in
                sseq += 1
                try connection.query("""
                    INSERT INTO event (sseq, id, device, cseq, actor, hlc, recorded_at, subject, type, schema, payload, previous, received_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                    """, ["\(sseq)", event.id.uuidString, event.device.uuidString, "\(event.cseq)", event.actor, "\(event.hlc.packed)",
                          "\(event.recordedAt.millisecondsSince1970)", event.subject.uuidString, event.type.rawValue, "\(event.schema)",
                          Self.hex(event.payload), Self.hex(event.previous), "\(receivedAt.millisecondsSince1970)"])
                return AcceptedEvent(event: event, sseq: sseq, receivedAt: receivedAt)
            }
        }
    }

    /// Up to `limit` events after global sequence number `after`, in order.
    public func page(after: Int64, limit: Int) throws -> [AcceptedEvent] {
        try connection.query("""
            SELECT sseq, id, device, cseq, actor, hlc, recorded_at, subject, type, schema, payload, previous, received_at
            FROM event WHERE sseq > $1 ORDER BY sseq LIMIT $2
            """, ["\(after)", "\(limit)"]).map(Self.accepted)
    }

    /// The highest global sequence number committed.
    public func head() throws -> Int64 {
        Int64(try connection.query("SELECT sseq FROM event_head")[0][0] ?? "0") ?? 0
    }

    /// An event read back: every column as the server stored it, or the row named as unreadable.
    private static func accepted(_ row: [String?]) throws -> AcceptedEvent {
        func text(_ index: Int) throws -> String {
            guard index < row.count, let value = row[index] else { throw PostgresError(state: nil, message: "column \(index) is NULL", operation: "read event") }
            return value
        }
        func integer(_ index: Int) throws -> Int64 {
            guard let value = Int64(try text(index)) else { throw PostgresError(state: nil, message: "column \(index) is not an integer", operation: "read event") }
            return value
        }
        func uuid(_ index: Int) throws -> UUID {
            guard let value = UUID(uuidString: try text(index)) else { throw PostgresError(state: nil, message: "column \(index) is not a UUID", operation: "read event") }
            return value
        }
        guard let hlc = HybridTimestamp(packed: try integer(5)), let schema = UInt16(exactly: try integer(9)) else {
            throw PostgresError(state: nil, message: "a clock or schema out of range", operation: "read event")
        }
        let event = Event(id: try uuid(1), device: try uuid(2), cseq: try integer(3), actor: try text(4), hlc: hlc,
                          recordedAt: Timestamp(millisecondsSince1970: try integer(6)), subject: try uuid(7),
                          type: EventType(rawValue: try text(8)), schema: schema, payload: try bytes(try text(10)),
                          previous: try bytes(try text(11)))
        return AcceptedEvent(event: event, sseq: try integer(0), receivedAt: Timestamp(millisecondsSince1970: try integer(12)))
    }

    /// `bytea` as PostgreSQL writes it in text form: `\x` then hex.
    static func hex(_ data: Data) -> String { "\\x" + data.map { String(format: "%02x", $0) }.joined() }

    static func bytes(_ text: String) throws -> Data {
        guard text.hasPrefix("\\x"), text.count % 2 == 0 else { throw PostgresError(state: nil, message: "not bytea hex", operation: "read event") }
        var data = Data(capacity: (text.count - 2) / 2)
        var index = text.index(text.startIndex, offsetBy: 2)
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { throw PostgresError(state: nil, message: "not bytea hex", operation: "read event") }
            data.append(byte)
            index = next
        }
        return data
    }
}

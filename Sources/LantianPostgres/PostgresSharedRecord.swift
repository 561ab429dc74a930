import Foundation
import LantianDomain
import LantianStore

/// A server's record in PostgreSQL, shared by several `lantiand` nodes (``SharedRecord``): the
/// ordered changesets every node applies to its own copy, and the accepted events as rows of their
/// own (`event`, for reporting and GIS tools next to the database) — both append-only in the
/// database itself: triggers refuse any UPDATE, DELETE or TRUNCATE (SQLSTATE `LT001`).
///
/// **One writer at a time, in commit order.** A write first updates the one row of `record_head`
/// and holds its lock until it commits: the next node's write waits, then sees what this one
/// committed. So changesets and global sequence numbers are taken in the order transactions commit,
/// and any snapshot sees a prefix 1…n: a pull never skips an event a slower transaction commits
/// later (a PostgreSQL sequence would hand out 8 before 7 commits; `SharedRecordTests` checks it
/// under concurrent writes of several nodes).
///
/// Each write also notifies channel ``headChannel``, delivered at its commit to every listening
/// connection: how nodes learn of each other's accepts, to tell their own subscribed devices.
///
/// ```swift
/// let record = try PostgresSharedRecord("postgresql://lantian@db/lantian")
/// let store = try EventStore(path: "node-1.sqlite", keeping: .server, sharing: record)
/// ```
public final class PostgresSharedRecord: SharedRecord, @unchecked Sendable {
    /// One connection, used by one thread at a time.
    private let connection: PostgresConnection
    private let lock = NSLock()

    /// Connects with a libpq connection string and creates the record's tables if the database has
    /// none yet (nodes starting together wait for each other on an advisory lock).
    public init(_ connectionString: String) throws {
        connection = try PostgresConnection(connectionString)
        try connection.transaction {
            try connection.query("SELECT pg_advisory_xact_lock($1)", ["\(Self.schemaLock)"])
            // "already exists, skipping" notices would go to standard error, every start.
            try connection.execute("SET LOCAL client_min_messages = warning")
            try connection.execute(Self.schema)
        }
    }

    /// The notification channel that carries `position sseq` after each write (`LISTEN lantian_head`).
    public static let headChannel = "lantian_head"

    /// The advisory lock key that serialises schema changes ("LT" + 1).
    static let schemaLock: Int64 = 0x4C54_0001

    static let schema = """
        CREATE TABLE IF NOT EXISTS changeset (
            position bigint PRIMARY KEY CHECK (position >= 1),
            rows bytea NOT NULL,
            committed_at timestamptz NOT NULL DEFAULT now()
        );
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
            changeset bigint NOT NULL REFERENCES changeset (position),
            UNIQUE (device, cseq)
        );
        CREATE INDEX IF NOT EXISTS event_by_subject ON event (subject);
        CREATE TABLE IF NOT EXISTS record_head (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            position bigint NOT NULL,
            sseq bigint NOT NULL
        );
        INSERT INTO record_head VALUES (true, 0, 0) ON CONFLICT DO NOTHING;
        CREATE OR REPLACE FUNCTION lantian_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the record is append-only: % of % refused', TG_OP, TG_TABLE_NAME USING ERRCODE = 'LT001';
        END $$;
        CREATE OR REPLACE TRIGGER event_append_only BEFORE UPDATE OR DELETE ON event
            FOR EACH ROW EXECUTE FUNCTION lantian_refuse_change();
        CREATE OR REPLACE TRIGGER event_never_truncated BEFORE TRUNCATE ON event
            FOR EACH STATEMENT EXECUTE FUNCTION lantian_refuse_change();
        CREATE OR REPLACE TRIGGER changeset_append_only BEFORE UPDATE OR DELETE ON changeset
            FOR EACH ROW EXECUTE FUNCTION lantian_refuse_change();
        CREATE OR REPLACE TRIGGER changeset_never_truncated BEFORE TRUNCATE ON changeset
            FOR EACH STATEMENT EXECUTE FUNCTION lantian_refuse_change();
        """

    public func position() throws -> Int64 {
        try connected { try head().position }
    }

    /// The highest global sequence number committed.
    public func sseqHead() throws -> Int64 {
        try connected { try head().sseq }
    }

    public func changesets(after position: Int64, limit: Int) throws -> [RecordChangeset] {
        try connected { try changesets(after: position, through: position + Int64(max(limit, 0))) }
    }

    public func write(after position: Int64, _ body: ([RecordChangeset]) throws -> [RecordChangeset]) throws {
        try connected {
            try connection.transaction {
                // The head's row lock, held to the commit, makes this the only writer.
                let head = try head(locking: true)
                guard position <= head.position else { throw StoreError.copyAheadOfSharedRecord(copy: position, record: head.position) }
                let added = try body(try changesets(after: position, through: head.position))
                guard !added.isEmpty else { return }
                var last = head
                for changeset in added {
                    guard changeset.position == last.position + 1 else {
                        throw StoreError.sharedRecordUnreadable(position: changeset.position, reason: "the record's next is \(last.position + 1)")
                    }
                    try connection.queryBinary("INSERT INTO changeset (position, rows) VALUES ($1, $2)",
                                               [.text("\(changeset.position)"), .bytes(changeset.rows)])
                    for accepted in changeset.events {
                        guard accepted.sseq > last.sseq else {
                            throw StoreError.sharedRecordUnreadable(position: changeset.position, reason: "event \(accepted.sseq) after \(last.sseq)")
                        }
                        last.sseq = accepted.sseq
                    }
                    for rows in stride(from: 0, to: changeset.events.count, by: Self.eventsPerInsert) {
                        try insert(changeset.events[rows..<min(rows + Self.eventsPerInsert, changeset.events.count)], in: changeset.position)
                    }
                    last.position = changeset.position
                }
                try connection.query("UPDATE record_head SET position = $1, sseq = $2", ["\(last.position)", "\(last.sseq)"])
                try connection.query("SELECT pg_notify($1, $2)", [Self.headChannel, "\(last.position) \(last.sseq)"])
            }
        }
    }

    /// Up to `limit` accepted events after global sequence number `after`, in order, as the
    /// `event` table holds them.
    public func events(after: Int64, limit: Int) throws -> [AcceptedEvent] {
        try connected {
            try connection.queryBinary("""
                SELECT sseq, id::text, device::text, cseq, actor, hlc, recorded_at, subject::text, type, schema::bigint, payload, previous, received_at
                FROM event WHERE sseq > $1 ORDER BY sseq LIMIT $2
                """, [.text("\(after)"), .text("\(limit)")]).map(AcceptedEvent.init(postgresRow:))
        }
    }

    /// Runs `body` as the connection's only user, the connection made again first if it was lost.
    private func connected<T>(_ body: () throws -> T) throws -> T {
        try lock.withLock {
            try connection.reconnectIfBroken()
            return try body()
        }
    }

    /// The last changeset's position and the last event's number; `locking`: with the row lock that
    /// makes this transaction the record's only writer.
    private func head(locking: Bool = false) throws -> (position: Int64, sseq: Int64) {
        let rows = try connection.queryBinary("SELECT position, sseq FROM record_head" + (locking ? " FOR UPDATE" : ""))
        guard let row = rows.first, row.count == 2, let position = row[0].flatMap(PostgresValue.bigint), let sseq = row[1].flatMap(PostgresValue.bigint) else {
            throw PostgresError(state: nil, message: "record_head has no row", operation: "read the head")
        }
        return (position, sseq)
    }

    private func changesets(after position: Int64, through last: Int64) throws -> [RecordChangeset] {
        guard last > position else { return [] }
        return try connection.queryBinary("SELECT position, rows FROM changeset WHERE position > $1 AND position <= $2 ORDER BY position",
                                          [.text("\(position)"), .text("\(last)")]).map { row in
            guard row.count == 2, let position = row[0].flatMap(PostgresValue.bigint), let rows = row[1] else {
                throw PostgresError(state: nil, message: "a changeset row is incomplete", operation: "read changesets")
            }
            return RecordChangeset(position: position, rows: rows, events: [])
        }
    }

    /// Events per INSERT statement: 14 parameters each, under PostgreSQL's 65,535.
    static let eventsPerInsert = 1_000

    /// Inserts `events` in one statement.
    private func insert(_ events: ArraySlice<AcceptedEvent>, in changeset: Int64) throws {
        var parameters: [PostgresConnection.Parameter] = []
        parameters.reserveCapacity(events.count * 14)
        var rows: [String] = []
        for accepted in events {
            let event = accepted.event
            let first = parameters.count + 1
            rows.append("(" + (first..<first + 14).map { "$\($0)" }.joined(separator: ", ") + ")")
            parameters += [.text("\(accepted.sseq)"), .text(event.id.uuidString), .text(event.device.uuidString), .text("\(event.cseq)"),
                           .text(event.actor), .text("\(event.hlc.packed)"), .text("\(event.recordedAt.millisecondsSince1970)"),
                           .text(event.subject.uuidString), .text(event.type.rawValue), .text("\(event.schema)"), .bytes(event.payload),
                           .bytes(event.previous), .text("\(accepted.receivedAt.millisecondsSince1970)"), .text("\(changeset)")]
        }
        guard !rows.isEmpty else { return }
        try connection.queryBinary("""
            INSERT INTO event (sseq, id, device, cseq, actor, hlc, recorded_at, subject, type, schema, payload, previous, received_at, changeset)
            VALUES \(rows.joined(separator: ", "))
            """, parameters)
    }
}

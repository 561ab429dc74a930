import Foundation
import GRDB

extension EventStore {
    /// The schema, one named migration per change; never edit a migration once released.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: events, store identity, client sync state") { db in
            try db.execute(sql: """
                CREATE TABLE event (
                    position   INTEGER PRIMARY KEY,      -- local insertion order
                    id         BLOB    NOT NULL UNIQUE,  -- UUIDv7, 16 bytes
                    device     BLOB    NOT NULL,
                    cseq       INTEGER NOT NULL CHECK (cseq >= 1),
                    actor      TEXT    NOT NULL,
                    hlc        INTEGER NOT NULL CHECK (hlc >= 0),
                    recordedAt INTEGER NOT NULL,
                    subject    BLOB    NOT NULL,
                    type       TEXT    NOT NULL,
                    schema     INTEGER NOT NULL,
                    payload    BLOB    NOT NULL,
                    sseq       INTEGER UNIQUE,           -- the server's global sequence, once known
                    receivedAt INTEGER,                  -- the server's clock when it accepted the event
                    UNIQUE (device, cseq)
                );
                CREATE INDEX event_in_canonical_order ON event (hlc, device, cseq);
                CREATE TRIGGER event_refuses_update BEFORE UPDATE ON event
                BEGIN SELECT RAISE(ABORT, 'events are immutable: record a correction as a new event'); END;
                CREATE TRIGGER event_refuses_delete BEFORE DELETE ON event
                BEGIN SELECT RAISE(ABORT, 'events are immutable: they are never deleted'); END;

                CREATE TABLE store_identity (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    epoch     BLOB NOT NULL
                );

                -- Client side: this device, and how far it has synced with its server.
                CREATE TABLE local_device (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    id        BLOB NOT NULL,
                    actor     TEXT NOT NULL,
                    server    TEXT
                );
                CREATE TABLE sync_state (
                    singleton        INTEGER PRIMARY KEY CHECK (singleton = 1),
                    serverEpoch      BLOB,
                    cursor           INTEGER NOT NULL DEFAULT 0,
                    acknowledgedCseq INTEGER NOT NULL DEFAULT 0,
                    lastSyncAt       INTEGER
                );
                INSERT INTO sync_state (singleton) VALUES (1);
                """)
            try db.execute(sql: "INSERT INTO store_identity (singleton, epoch) VALUES (1, ?)", arguments: [UUID()])
        }
        migrator.registerMigration("v2: quarantine") { db in
            // On a server: events refused for good, with why; on a device: its own events the server refused.
            try db.execute(sql: """
                CREATE TABLE quarantine (
                    device  BLOB    NOT NULL,
                    cseq    INTEGER NOT NULL,
                    id      BLOB    NOT NULL,
                    type    TEXT    NOT NULL,
                    reason  TEXT    NOT NULL,
                    at      INTEGER NOT NULL,
                    payload BLOB,
                    PRIMARY KEY (device, cseq)
                );
                """)
        }
        migrator.registerMigration("v3: attachments, cursor event") { db in
            // Blobs by SHA-256, in chunks: whole on the device that made them; on the server, the
            // leading `received` bytes, resumable; `received = size` once the hash has been verified.
            try db.execute(sql: """
                CREATE TABLE attachment (
                    digest   BLOB    PRIMARY KEY CHECK (length(digest) = 32),
                    size     INTEGER NOT NULL CHECK (size > 0),
                    received INTEGER NOT NULL DEFAULT 0 CHECK (received BETWEEN 0 AND size)
                );
                CREATE TABLE attachment_chunk (
                    digest BLOB    NOT NULL REFERENCES attachment (digest),
                    offset INTEGER NOT NULL,
                    bytes  BLOB    NOT NULL,
                    PRIMARY KEY (digest, offset)
                );
                -- The id of the event pulled at the cursor: the server checks it still holds it there.
                ALTER TABLE sync_state ADD COLUMN cursorEvent BLOB;
                """)
        }
        migrator.registerMigration("v4: events set aside by a device restored from an older copy") { db in
            // A device restored from an older copy of its store moves the events it recorded since
            // (which clash with what the server holds from it) here, to record them again under a
            // new device id once it has pulled. Moving an event here is the one deletion allowed.
            try db.execute(sql: """
                CREATE TABLE set_aside (
                    id         BLOB    PRIMARY KEY,
                    device     BLOB    NOT NULL,
                    cseq       INTEGER NOT NULL,
                    actor      TEXT    NOT NULL,
                    hlc        INTEGER NOT NULL,
                    recordedAt INTEGER NOT NULL,
                    subject    BLOB    NOT NULL,
                    type       TEXT    NOT NULL,
                    schema     INTEGER NOT NULL,
                    payload    BLOB    NOT NULL
                );
                DROP TRIGGER event_refuses_delete;
                CREATE TRIGGER event_refuses_delete BEFORE DELETE ON event
                WHEN NOT EXISTS (SELECT 1 FROM set_aside WHERE id = OLD.id AND payload = OLD.payload)
                BEGIN SELECT RAISE(ABORT, 'events are immutable: they are never deleted'); END;
                """)
        }
        migrator.registerMigration("v5: hash chains, signatures, enrolment, placement in the grid") { db in
            // Each event carries the hash of its device's previous event (NULL only for events
            // stored before chains existed, which do not verify). Signatures vouch for a device's
            // chain at a head; digests stand in for events of a chain this store does not hold
            // (a server's quarantined events, with their hash; a replica's proofs).
            try db.execute(sql: """
                ALTER TABLE event ADD COLUMN previous BLOB CHECK (previous IS NULL OR length(previous) = 32);
                ALTER TABLE set_aside ADD COLUMN previous BLOB;
                -- Folds of rare types (grid, users, devices: at every hello) and enrolment lookups
                -- read this instead of every event, in canonical order.
                CREATE INDEX event_by_type ON event (type, hlc, device, cseq);
                CREATE TABLE chain_signature (
                    device    BLOB    NOT NULL,
                    cseq      INTEGER NOT NULL,
                    signature BLOB    NOT NULL,
                    PRIMARY KEY (device, cseq)
                );
                CREATE TABLE chain_digest (
                    device BLOB    NOT NULL,
                    cseq   INTEGER NOT NULL,
                    digest BLOB    NOT NULL CHECK (length(digest) = 32),
                    hash   BLOB,
                    PRIMARY KEY (device, cseq)
                );

                -- Server: the grid node each accepted event belongs to (NULL: every device receives
                -- it), and the node of each record later events refer to by subject (users: their scope).
                CREATE TABLE event_node (
                    sseq INTEGER PRIMARY KEY,
                    node TEXT
                );
                CREATE TABLE subject_node (
                    subject BLOB PRIMARY KEY,
                    node    TEXT NOT NULL
                );

                -- Server: one-time enrolment codes, by the SHA-256 of the code (never the code itself).
                CREATE TABLE enrolment_code (
                    digest    BLOB    PRIMARY KEY,
                    user      TEXT    NOT NULL,
                    issuedAt  INTEGER NOT NULL,
                    expiresAt INTEGER NOT NULL,
                    usedAt    INTEGER,
                    device    BLOB
                );

                -- Client: the id the device key was enrolled under, and the server's device and key.
                ALTER TABLE local_device ADD COLUMN credential BLOB;
                ALTER TABLE local_device ADD COLUMN serverDevice BLOB;
                ALTER TABLE local_device ADD COLUMN serverKey BLOB;
                """)
        }
        migrator.registerMigration("v6: which type started each subject; events by subject") { db in
            // A subject belongs to its first record: the server notes the type that started it, so
            // a second start, or a step of another record's kind, is refused. Records made before
            // take the type of the subject's first accepted event.
            try db.execute(sql: """
                CREATE INDEX event_by_subject ON event (subject);
                ALTER TABLE subject_node ADD COLUMN type TEXT;
                UPDATE subject_node SET type = (SELECT e.type FROM event e WHERE e.subject = subject_node.subject ORDER BY e.sseq LIMIT 1);
                """)
        }
        migrator.registerMigration("v7: the hash of each event as its device recorded it") { db in
            // A device checks its own events against these before it signs or pushes them, and
            // `verify` checks its newest, not yet signed, events: a byte changed in the store is
            // found before it can be sent anywhere. (Events recorded before have none.)
            try db.execute(sql: """
                CREATE TABLE recorded_hash (
                    device BLOB    NOT NULL,
                    cseq   INTEGER NOT NULL,
                    hash   BLOB    NOT NULL CHECK (length(hash) = 32),
                    PRIMARY KEY (device, cseq)
                );
                """)
        }
        migrator.registerMigration("v8: events to return to a restored server") { db in
            // Set when the server turns out to be another (restored from a backup, or replaced):
            // the client then offers it what it holds of other devices' chains that it lacks.
            try db.execute(sql: "ALTER TABLE sync_state ADD COLUMN returnPending INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v9: read models: issues, who recorded them, users, the grid's ancestry") { db in
            // Only the record of the read models' version. Their tables are derived data, made in
            // the shape the code's version wants (EventStore+ReadModelSchema) and made anew whenever
            // this says they are of another version; stores migrated by the first release of v9
            // got tables of that release here, which their first open replaces.
            try db.execute(sql: """
                CREATE TABLE read_model (
                    name    TEXT    PRIMARY KEY,
                    version INTEGER NOT NULL
                );
                """)
        }
        migrator.registerMigration("v10: which accepted events cite which blobs") { db in
            // Server: a user may fetch a blob only where an event their scope covers cites it
            // (PROTOCOL.md, *Fetching evidence*). Events accepted before are read once here: every
            // accepted payload is canonical JSON, and evidence is always its `evidence` array.
            try db.execute(sql: """
                CREATE TABLE evidence_citation (
                    digest TEXT    NOT NULL,
                    sseq   INTEGER NOT NULL,
                    PRIMARY KEY (digest, sseq)
                ) WITHOUT ROWID;
                INSERT OR IGNORE INTO evidence_citation (digest, sseq)
                SELECT lower(json_extract(cited.value, '$.sha256')), e.sseq
                FROM event e, json_each(CASE WHEN json_valid(CAST(e.payload AS TEXT)) THEN CAST(e.payload AS TEXT) ELSE '{}' END,
                                        '$.evidence') cited
                WHERE e.sseq IS NOT NULL AND json_extract(cited.value, '$.sha256') IS NOT NULL;
                """)
        }
        migrator.registerMigration("v11: events that lie at a second node") { db in
            // Server: a transfer (转办) lies where the issue goes and where it lay, so that both
            // offices hear of it (PROTOCOL.md, *Roles and scope*).
            try db.execute(sql: """
                CREATE TABLE event_also (
                    sseq INTEGER NOT NULL,
                    node TEXT    NOT NULL,
                    PRIMARY KEY (sseq, node)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v12: who referred each referred record") { db in
            // Server: a referral (移交) lies where it was found, in another office's scope; whoever
            // referred it keeps seeing it and what follows (PROTOCOL.md, *Roles and scope*).
            try db.execute(sql: """
                CREATE TABLE subject_reader (
                    subject BLOB NOT NULL,
                    user    TEXT NOT NULL,
                    PRIMARY KEY (subject, user)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v13: a pull from the start after the user's scope changed") { db in
            // Client: set when a pulled registration moves this device's user to another scope; the
            // session then pulls again from 0, so the new scope's earlier events arrive (held ones skipped).
            try db.execute(sql: "ALTER TABLE sync_state ADD COLUMN refetchPending INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v14: events by node, for scoped pages") { db in
            // Server: a scoped page reads the user's nodes' events through these, merged in order
            // (``Visibility/Reading``), instead of scanning every event after its position.
            try db.execute(sql: """
                CREATE INDEX event_node_by_node ON event_node (node, sseq);
                CREATE INDEX event_also_by_node ON event_also (node, sseq);
                CREATE INDEX subject_reader_by_user ON subject_reader (user, subject);
                """)
        }
        migrator.registerMigration("v15: the server's TLS key, pinned") { db in
            // Client: the TLS key learnt at enrolment (checked against the code's pin), the next
            // one the server announced, and a CA bundle for a deployment with its own PKI.
            try db.execute(sql: """
                ALTER TABLE local_device ADD COLUMN serverTLSKey BLOB;
                ALTER TABLE local_device ADD COLUMN serverNextTLSKey BLOB;
                ALTER TABLE local_device ADD COLUMN certificateAuthorities TEXT;
                """)
        }
        migrator.registerMigration("v16: how far a node's copy has applied a shared record") { db in
            // Server: a node of several on one PostgreSQL database (``SharedRecord``) notes the
            // position of the last changeset it applied; no row on a store that is its own record.
            try db.execute(sql: """
                CREATE TABLE shared_record (
                    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
                    position  INTEGER NOT NULL CHECK (position >= 0)
                );
                """)
        }
        return migrator
    }
}

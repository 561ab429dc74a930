import GRDB

/// The shape of the read models' tables. They hold nothing the events do not: when the code's
/// ``EventStore/readModelVersion`` differs from the store's, they are dropped, made anew and
/// filled from the events, so changing them needs no migration.
extension EventStore {
    /// The version of the read models this code keeps; change it whenever their tables or what
    /// fills them changes.
    static let readModelVersion: Int64 = 13

    /// Every read model table, dropped before the tables are made anew.
    static let readModelTables = [
        "ticket", "ticket_tally", "ticket_actor", "user_registration", "grid_node", "grid_ancestry", "grid_definition", "device_key", "device_sync",
        "fire_point", "enterprise", "dust_site", "dustfall_station", "dustfall_event", "attachment_arrival",
    ]

    /// Drops the read models' tables and makes them anew, empty.
    static func makeReadModelTables(_ db: Database) throws {
        for table in readModelTables { try db.execute(sql: "DROP TABLE IF EXISTS \(table)") }
        try db.execute(sql: """
            CREATE TABLE ticket (
                id              BLOB    PRIMARY KEY,
                category        TEXT    NOT NULL,
                state           TEXT    NOT NULL,
                node            TEXT    NOT NULL,
                title           TEXT    NOT NULL,
                reportedBy      TEXT    NOT NULL,
                reportedAt      INTEGER NOT NULL,
                assignee        TEXT,
                deadline        INTEGER,
                closedAt        INTEGER,
                reopenCount     INTEGER NOT NULL,
                escalationCount INTEGER NOT NULL,
                escalations     TEXT    NOT NULL,
                conflictCount   INTEGER NOT NULL,
                latitude        REAL,
                longitude       REAL,
                origin          BLOB,
                note            TEXT    NOT NULL,
                requestedDeadline INTEGER,
                extensionCount  INTEGER NOT NULL,
                -- The last event folded, in canonical order: later events are applied to the row.
                foldedHlc       INTEGER,
                foldedDevice    BLOB,
                foldedCseq      INTEGER
            );
            CREATE INDEX ticket_by_origin ON ticket (origin) WHERE origin IS NOT NULL;
            CREATE INDEX ticket_by_state ON ticket (state, reportedAt);
            CREATE INDEX ticket_by_node ON ticket (node, reportedAt);
            CREATE INDEX ticket_in_order ON ticket (reportedAt, id);
            CREATE INDEX ticket_by_close_out ON ticket (closedAt) WHERE closedAt IS NOT NULL;
            -- How many issues each node has in each state, escalated or not, kept by triggers on
            -- `ticket`: reviews read a row per node instead of counting every issue ever reported.
            CREATE TABLE ticket_tally (
                node      TEXT    NOT NULL,
                state     TEXT    NOT NULL,
                escalated INTEGER NOT NULL,
                count     INTEGER NOT NULL,
                PRIMARY KEY (node, state, escalated)
            ) WITHOUT ROWID;
            CREATE TRIGGER ticket_counted AFTER INSERT ON ticket BEGIN
                INSERT INTO ticket_tally VALUES (NEW.node, NEW.state, NEW.escalationCount > 0, 1)
                ON CONFLICT DO UPDATE SET count = count + 1;
            END;
            CREATE TRIGGER ticket_uncounted AFTER DELETE ON ticket BEGIN
                UPDATE ticket_tally SET count = count - 1 WHERE (node, state, escalated) = (OLD.node, OLD.state, OLD.escalationCount > 0);
            END;
            CREATE TRIGGER ticket_recounted AFTER UPDATE OF node, state, escalationCount ON ticket
            WHEN (OLD.node, OLD.state, OLD.escalationCount > 0) IS NOT (NEW.node, NEW.state, NEW.escalationCount > 0) BEGIN
                UPDATE ticket_tally SET count = count - 1 WHERE (node, state, escalated) = (OLD.node, OLD.state, OLD.escalationCount > 0);
                INSERT INTO ticket_tally VALUES (NEW.node, NEW.state, NEW.escalationCount > 0, 1)
                ON CONFLICT DO UPDATE SET count = count + 1;
            END;
            -- Who recorded an issue's events: a late change of their role re-folds exactly these issues.
            CREATE TABLE ticket_actor (
                actor  TEXT NOT NULL,
                ticket BLOB NOT NULL,
                PRIMARY KEY (actor, ticket)
            ) WITHOUT ROWID;
            CREATE INDEX ticket_actor_by_ticket ON ticket_actor (ticket);
            -- Each user registration, by the name it registers: the role and scope it gives from its
            -- place in the canonical order on (the latest is the user as they are).
            CREATE TABLE user_registration (
                name   TEXT    NOT NULL,
                event  BLOB    NOT NULL,
                hlc    INTEGER NOT NULL,
                device BLOB    NOT NULL,
                cseq   INTEGER NOT NULL,
                role   TEXT    NOT NULL,
                scope  TEXT    NOT NULL,
                PRIMARY KEY (name, event)
            ) WITHOUT ROWID;
            CREATE INDEX user_registration_by_event ON user_registration (event);
            -- Every grid node as its latest definition holds it; a boundary is GeoJSON MultiPolygon
            -- coordinates.
            CREATE TABLE grid_node (
                code     TEXT PRIMARY KEY,
                name     TEXT NOT NULL,
                level    TEXT NOT NULL,
                parent   TEXT,
                boundary TEXT,
                retired  INTEGER NOT NULL DEFAULT 0
            ) WITHOUT ROWID;
            CREATE INDEX grid_node_by_parent ON grid_node (parent);
            -- Every grid node with each of its ancestors and itself: "this node and below".
            CREATE TABLE grid_ancestry (
                ancestor TEXT NOT NULL,
                node     TEXT NOT NULL,
                PRIMARY KEY (ancestor, node)
            ) WITHOUT ROWID;
            -- Every grid node definition, by the node it defines: its parent from its place in the
            -- canonical order on (an enterprise's sign-off list is the one in force as the grid then stood).
            CREATE TABLE grid_definition (
                code   TEXT    NOT NULL,
                hlc    INTEGER NOT NULL,
                device BLOB    NOT NULL,
                cseq   INTEGER NOT NULL,
                parent TEXT,
                PRIMARY KEY (code, hlc, device, cseq)
            ) WITHOUT ROWID;
            -- Every enrolled device: whose it is, its public key, and its revocation.
            CREATE TABLE device_key (
                device           BLOB    PRIMARY KEY,
                user             TEXT    NOT NULL,
                publicKey        BLOB    NOT NULL,
                credential       BLOB    NOT NULL,
                enrolledAt       INTEGER NOT NULL,
                revokedAt        INTEGER,
                revocationReason TEXT
            );
            -- Per device, from the server's sync reports: when it was last seen and synced, and
            -- how many of its events were waiting.
            CREATE TABLE device_sync (
                device     BLOB    PRIMARY KEY,
                actor      TEXT    NOT NULL,
                lastSeen   INTEGER NOT NULL,
                lastSynced INTEGER,
                waiting    INTEGER NOT NULL,
                clockSkew  INTEGER
            );
            -- Fire points as reviews read them.
            CREATE TABLE fire_point (
                id              BLOB    PRIMARY KEY,
                node            TEXT,
                latitude        REAL    NOT NULL,
                longitude       REAL    NOT NULL,
                observedAt      INTEGER NOT NULL,
                reportedBy      TEXT    NOT NULL,
                note            TEXT    NOT NULL,
                responseMinutes INTEGER
            );
            CREATE INDEX fire_point_by_time ON fire_point (observedAt);
            -- The three small categories, a row per record with the columns they are looked up by and
            -- the record as its events fold it, as JSON (see EventStore+Categories.swift).
            CREATE TABLE enterprise (
                id     BLOB PRIMARY KEY,
                node   TEXT NOT NULL,
                name   TEXT NOT NULL,
                state  TEXT NOT NULL,
                record TEXT NOT NULL
            );
            CREATE INDEX enterprise_by_node ON enterprise (node);
            CREATE TABLE dust_site (
                id     BLOB PRIMARY KEY,
                node   TEXT NOT NULL,
                name   TEXT NOT NULL,
                record TEXT NOT NULL
            );
            CREATE INDEX dust_site_by_node ON dust_site (node);
            CREATE TABLE dustfall_station (
                code         TEXT PRIMARY KEY,
                node         TEXT NOT NULL,
                registration TEXT NOT NULL,
                readings     TEXT NOT NULL
            );
            -- Which station each dust-fall registration and reading names: a station is keyed by its
            -- code, not by the events' subjects, and is re-folded from these.
            CREATE TABLE dustfall_event (
                event   BLOB PRIMARY KEY,
                station TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX dustfall_event_by_station ON dustfall_event (station);
            -- Which blobs the server says it holds whole, by the event that says so.
            CREATE TABLE attachment_arrival (
                event  BLOB PRIMARY KEY,
                digest TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX attachment_arrival_by_digest ON attachment_arrival (digest);
            """)
    }
}

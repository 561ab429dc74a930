import Foundation
import GRDB
import LantianDomain

/// A server's store kept as one node's copy of a ``SharedRecord`` (several `lantiand` nodes on one
/// PostgreSQL database): temporary triggers note every change to the record's tables, each write
/// hands them to the shared record as one ``RecordChangeset`` before it commits here, and what
/// other nodes committed is applied before every write and read.
extension EventStore {
    /// How this store takes part in a shared record.
    struct Sharing: Sendable {
        let record: any SharedRecord
        /// The record's tables and their columns, as this store's schema has them.
        let tables: [String: RecordTable]
    }

    /// One table of the record.
    struct RecordTable: Sendable {
        let columns: [String]
        /// Whether rows are addressed by a rowid the columns do not already carry.
        let addsRowid: Bool
        /// Whether its rows have a rowid at all (rows of the others are only ever inserted).
        let hasRowid: Bool
        /// A table of one row that each copy has from its creation: applied rows replace it.
        let isSingleton: Bool
    }

    /// The tables that are a server's record; everything else in the store is derived from them
    /// (read models) or belongs to a device.
    static let recordTableNames = [
        "store_identity", "local_device", "event", "quarantine", "chain_signature", "chain_digest", "recorded_hash",
        "event_node", "subject_node", "evidence_citation", "event_also", "subject_reader",
        "enrolment_code", "attachment", "attachment_chunk",
    ]

    /// The most columns a record table has (the change log holds one value column each).
    static let maxRecordColumns = 16

    /// Reads the record tables' shapes and creates the temporary change log and its triggers on
    /// this connection.
    static func prepareSharing(_ db: Database) throws -> [String: RecordTable] {
        var tables: [String: RecordTable] = [:]
        let values = (0..<maxRecordColumns).map { "v\($0)" }
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS record_change (
                seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, change INTEGER NOT NULL, rid INTEGER, \(values.joined(separator: ", "))
            )
            """)
        for name in recordTableNames {
            let info = try Row.fetchAll(db, sql: "SELECT name, type, pk FROM pragma_table_info(?)", arguments: [name])
            let columns: [String] = try info.map { try $0.decode(forColumn: "name") }
            guard !columns.isEmpty, columns.count <= maxRecordColumns else { throw StoreError.damaged("table \(name) is missing or too wide to share") }
            let keys = try info.filter { try $0.decode(forColumn: "pk") as Int > 0 }
            let aliasesRowid = try keys.count == 1 && (keys[0].decode(forColumn: "type") as String).uppercased() == "INTEGER"
            let hasRowid = try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM sqlite_master WHERE name = ? AND sql LIKE '%WITHOUT ROWID%')",
                                             arguments: [name]) ?? true
            tables[name] = RecordTable(columns: columns, addsRowid: hasRowid && !aliasesRowid, hasRowid: hasRowid,
                                       isSingleton: columns.first == "singleton")
            let used = values.prefix(columns.count).joined(separator: ", ")
            let rowid = hasRowid ? "NEW.rowid" : "NULL"
            func newValues() -> String { columns.map { "NEW.\"\($0)\"" }.joined(separator: ", ") }
            try db.execute(sql: """
                CREATE TEMP TRIGGER IF NOT EXISTS record_insert_\(name) AFTER INSERT ON main.\(name) BEGIN
                    INSERT INTO record_change (tbl, change, rid, \(used)) VALUES ('\(name)', 1, \(rowid), \(newValues()));
                END;
                CREATE TEMP TRIGGER IF NOT EXISTS record_update_\(name) AFTER UPDATE ON main.\(name) BEGIN
                    INSERT INTO record_change (tbl, change, rid, \(used)) VALUES ('\(name)', 2, \(rowid), \(newValues()));
                END;
                CREATE TEMP TRIGGER IF NOT EXISTS record_delete_\(name) AFTER DELETE ON main.\(name) BEGIN
                    INSERT INTO record_change (tbl, change, rid) VALUES ('\(name)', 3, \(hasRowid ? "OLD.rowid" : "NULL"));
                END;
                """)
        }
        return tables
    }

    /// How far this copy has applied the shared record (`nil`: it has never been attached to one).
    static func sharedPosition(_ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT position FROM shared_record")
    }

    static func noteSharedPosition(_ db: Database, _ position: Int64) throws {
        try db.execute(sql: "INSERT INTO shared_record (singleton, position) VALUES (1, ?) ON CONFLICT (singleton) DO UPDATE SET position = excluded.position",
                       arguments: [position])
    }

    /// Attaches this copy to `sharing`'s record: a record no node has written yet receives this
    /// store's whole record (how a server on one SQLite file moves to PostgreSQL); a new, empty copy
    /// takes the record's; a copy that has applied more than the record holds (a standby promoted
    /// without what the old primary last committed) or that holds another history is refused.
    static func attach(_ database: DatabaseQueue, _ sharing: Sharing, path: String, keepsReadModels: Bool) throws {
        let (applied, holdsEvents) = try database.read { db in
            (try sharedPosition(db), try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM event)") ?? false)
        }
        let recorded = try sharing.record.position()
        switch (applied, recorded) {
        case (nil, 0):
            try database.write { db in
                try sharing.record.write(after: 0) { pending in
                    guard pending.isEmpty else { throw StoreError.otherHistory(path: path) }
                    let published = try wholeRecord(db, sharing)
                    try noteSharedPosition(db, published.last?.position ?? 0)
                    return published
                }
            }
        case (nil, _):
            guard !holdsEvents else { throw StoreError.otherHistory(path: path) }
            try database.write { db in try noteSharedPosition(db, 0) }
        case (let applied?, _) where applied > recorded:
            throw StoreError.copyAheadOfSharedRecord(copy: applied, record: recorded)
        default:
            break
        }
        try catchUp(database, sharing, keepsReadModels: keepsReadModels)
    }

    /// Applies what other nodes committed since this copy last did, if anything, a few hundred changesets at a time.
    func catchUp(_ sharing: Sharing) throws {
        try Self.catchUp(database, sharing, keepsReadModels: readModels != nil)
    }

    static func catchUp(_ database: DatabaseQueue, _ sharing: Sharing, keepsReadModels: Bool) throws {
        while true {
            let applied = try database.read { db in try sharedPosition(db) } ?? 0
            let pending = try sharing.record.changesets(after: applied, limit: 256)
            guard !pending.isEmpty else { return }
            try database.write { db in
                let applied = try sharedPosition(db) ?? 0
                try applyShared(db, pending.filter { $0.position > applied }, sharing, after: applied)
                if keepsReadModels { try refreshReadModels(db) }
            }
        }
    }

    /// Runs `updates` as the shared record's only writer: other nodes' changes first, then these,
    /// handed to the record (and committed there) before this transaction commits.
    func writeShared<T>(_ db: Database, _ sharing: Sharing, _ updates: (Database) throws -> T) throws -> T {
        let applied = try Self.sharedPosition(db) ?? 0
        var result: T?
        try sharing.record.write(after: applied) { pending in
            try Self.applyShared(db, pending, sharing, after: applied)
            let position = pending.last?.position ?? applied
            let head = try Int64.fetchOne(db, sql: "SELECT MAX(sseq) FROM event") ?? 0
            let value = try updates(db)
            if readModels != nil { try Self.refreshReadModels(db) }
            result = value
            guard let changeset = try Self.takeChanges(db, sharing, position: position + 1, acceptedAfter: head) else { return [] }
            try Self.noteSharedPosition(db, changeset.position)
            return [changeset]
        }
        guard let result else { throw StoreError.damaged("the shared record did not run the write") }
        return result
    }

    /// Applies `changesets` (which must follow `applied`) to this copy and notes how far it has got;
    /// the change log they filled is emptied (they are not this node's changes).
    private static func applyShared(_ db: Database, _ changesets: [RecordChangeset], _ sharing: Sharing, after applied: Int64) throws {
        var expected = applied + 1
        for changeset in changesets {
            guard changeset.position == expected else {
                throw StoreError.sharedRecordUnreadable(position: changeset.position, reason: "expected changeset \(expected) next")
            }
            let rows: [RecordChangeset.Row]
            do { rows = try changeset.decodedRows() } catch {
                throw StoreError.sharedRecordUnreadable(position: changeset.position, reason: "\(error)")
            }
            for row in rows { try apply(db, row, sharing, from: changeset.position) }
            expected += 1
        }
        try db.execute(sql: "DELETE FROM record_change")
        if let last = changesets.last { try noteSharedPosition(db, last.position) }
    }

    /// Applies one row of the changeset at `position`, naming only tables and columns this store's schema has.
    private static func apply(_ db: Database, _ row: RecordChangeset.Row, _ sharing: Sharing, from position: Int64) throws {
        guard let table = sharing.tables[row.table], Set(row.columns).isSubset(of: table.columns) else {
            throw StoreError.sharedRecordUnreadable(position: position, reason: "table \(row.table) or its columns \(row.columns) are not this version's")
        }
        guard row.change == .insert || row.rowid != nil else {
            throw StoreError.sharedRecordUnreadable(position: position, reason: "a change to \(row.table) names no row")
        }
        let quoted = row.columns.map { "\"\($0)\"" }
        switch row.change {
        case .insert:
            let rowid = table.addsRowid && row.rowid != nil
            let columns = quoted + (rowid ? ["_rowid_"] : [])
            let values = row.values + (rowid ? [row.rowid?.databaseValue ?? .null] : [])
            try db.cachedStatement(sql: """
                INSERT \(table.isSingleton ? "OR REPLACE " : "")INTO \(row.table) (\(columns.joined(separator: ", ")))
                VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))
                """).execute(arguments: StatementArguments(values))
        case .update:
            try db.cachedStatement(sql: "UPDATE \(row.table) SET \(quoted.map { "\($0) = ?" }.joined(separator: ", ")) WHERE _rowid_ = ?")
                .execute(arguments: StatementArguments(row.values + [row.rowid.databaseValue]))
        case .delete:
            try db.cachedStatement(sql: "DELETE FROM \(row.table) WHERE _rowid_ = ?").execute(arguments: [row.rowid])
        }
    }

    /// This transaction's changes as the changeset numbered `position` (`nil`: it changed nothing of
    /// the record), with the events it accepted (those numbered after `acceptedAfter`).
    private static func takeChanges(_ db: Database, _ sharing: Sharing, position: Int64, acceptedAfter head: Int64) throws -> RecordChangeset? {
        var rows: [RecordChangeset.Row] = []
        for change in try Row.fetchAll(db, sql: "SELECT * FROM record_change ORDER BY seq") {
            let name: String = try change.decode(forColumn: "tbl")
            guard let table = sharing.tables[name], let kind = RecordChangeset.Row.Change(rawValue: try change.decode(forColumn: "change")) else { continue }
            // Rows without a rowid cannot be found again on another copy: such tables are only ever
            // inserted into, and a write that changes one otherwise is refused rather than diverge.
            guard table.hasRowid || kind == .insert else {
                throw StoreError.sharedRecordUnreadable(position: position, reason: "\(name) has no rowid to \(kind) by")
            }
            let values = kind == .delete ? [] : (0..<table.columns.count).map { change["v\($0)"] as DatabaseValue }
            rows.append(RecordChangeset.Row(table: name, change: kind, rowid: try change.decode(forColumn: "rid"),
                                            columns: kind == .delete ? [] : table.columns, values: values))
        }
        try db.execute(sql: "DELETE FROM record_change")
        guard !rows.isEmpty else { return nil }
        let accepted = try Row.fetchAll(db, sql: "SELECT \(Event.columns), sseq, receivedAt FROM event WHERE sseq > ? ORDER BY sseq",
                                        arguments: [head]).map(accepted)
        return RecordChangeset(position: position, rows: RecordChangeset.encode(rows), events: accepted)
    }

    /// Every row of the record, as changesets of a few thousand rows from position 1.
    private static func wholeRecord(_ db: Database, _ sharing: Sharing) throws -> [RecordChangeset] {
        var changesets: [RecordChangeset] = []
        for name in recordTableNames {
            guard let table = sharing.tables[name] else { continue }
            let select = "SELECT \(table.hasRowid ? "_rowid_ AS rid, " : "")\(table.columns.map { "\"\($0)\"" }.joined(separator: ", ")) FROM \(name)"
            let cursor = try Row.fetchCursor(db, sql: select + (table.hasRowid ? " ORDER BY _rowid_" : ""))
            var rows: [RecordChangeset.Row] = []
            var bytes = 0
            func flush() throws {
                guard !rows.isEmpty else { return }
                let rowids = rows.compactMap(\.rowid)
                let events = name == "event" && !rowids.isEmpty ? try Row.fetchAll(db, sql: """
                    SELECT \(Event.columns), sseq, receivedAt FROM event WHERE _rowid_ BETWEEN ? AND ? AND sseq IS NOT NULL ORDER BY sseq
                    """, arguments: [rowids.min(), rowids.max()]).map(accepted) : []
                changesets.append(RecordChangeset(position: Int64(changesets.count + 1), rows: RecordChangeset.encode(rows), events: events))
                rows = []
                bytes = 0
            }
            while let row = try cursor.next() {
                let values = table.columns.map { row[$0] as DatabaseValue }
                bytes += values.reduce(16) { total, value in
                    switch value.storage {
                    case .blob(let data): total + data.count
                    case .string(let string): total + string.utf8.count
                    default: total + 8
                    }
                }
                rows.append(RecordChangeset.Row(table: name, change: .insert, rowid: table.hasRowid ? try row.decode(forColumn: "rid") : nil,
                                                columns: table.columns, values: values))
                if rows.count >= 2_000 || bytes >= 8 << 20 { try flush() }
            }
            try flush()
        }
        try db.execute(sql: "DELETE FROM record_change")
        return changesets
    }
}

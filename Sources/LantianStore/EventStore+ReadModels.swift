import Foundation
import GRDB
import LantianDomain

/// Read models: tables kept up to date in the transaction that stores events, so that views read
/// rows instead of folding the log.
///
/// Every insert into or removal from `event`, on any path (recording, a pulled page, an accepted
/// push, a return, set-aside, repair), is noted by a temporary trigger in `touched_event`; before
/// the transaction commits, ``refreshReadModels(_:)`` re-folds exactly what those events touch,
/// each issue from its own events in canonical order (with the registrations of the users who
/// recorded them), so the tables equal the full fold whatever order events arrived in. The pure
/// folds in LantianDomain stay the specification; `ReadModelTests` compares the two.
extension EventStore {
    /// Installs, on this connection, the temporary table and triggers that note touched events:
    /// only those of types `set` keeps tables for, so a server's pushes note none of their issues.
    static func prepareReadModels(_ db: Database, _ set: ReadModelSet) throws {
        let ignored = set.keepsViews ? [] : Tickets.subjectTypes.union(FirePoints.eventTypes).union(categoryTypes).map { "'\($0.rawValue)'" }.sorted()
        func when(_ row: String) -> String { ignored.isEmpty ? "" : "WHEN \(row).type NOT IN (\(ignored.joined(separator: ", ")))" }
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS touched_event (subject BLOB NOT NULL, type TEXT NOT NULL, event BLOB NOT NULL, stored INTEGER NOT NULL);
            CREATE TEMP TRIGGER IF NOT EXISTS event_stored AFTER INSERT ON main.event \(when("NEW"))
            BEGIN INSERT INTO touched_event VALUES (NEW.subject, NEW.type, NEW.id, 1); END;
            CREATE TEMP TRIGGER IF NOT EXISTS event_removed AFTER DELETE ON main.event \(when("OLD"))
            BEGIN INSERT INTO touched_event VALUES (OLD.subject, OLD.type, OLD.id, 0); END;
            """)
    }

    /// The read models the store keeps, as noted when they were last made (`nil`: never made).
    static func readModelSet(_ db: Database) throws -> ReadModelSet? {
        try String.fetchOne(db, sql: "SELECT name FROM read_model ORDER BY name LIMIT 1").flatMap(ReadModelSet.init(rawValue:))
    }

    /// Whether the store keeps `set`, of this code's version.
    static func readModelsAreCurrent(_ db: Database, _ set: ReadModelSet) throws -> Bool {
        try Int64.fetchOne(db, sql: "SELECT version FROM read_model WHERE name = ?", arguments: [set.rawValue]) == readModelVersion
    }

    /// Brings the read models up to date with the events this transaction stored or removed.
    static func refreshReadModels(_ db: Database) throws {
        let touched = try Row.fetchAll(db, sql: "SELECT subject, type, event, stored FROM touched_event")
        guard !touched.isEmpty else { return }
        try db.execute(sql: "DELETE FROM touched_event")
        var tickets = Set<UUID>(), fires = Set<UUID>(), syncingDevices = Set<UUID>(), enterprises = Set<UUID>(), sites = Set<UUID>()
        var stations = Set<String>()
        var newTicketEvents: [UUID: [UUID]] = [:]
        var gridChanged = false, signOffsChanged = false
        var deviceEvents: [UUID] = [], deviceEventsRemoved = false
        for row in touched {
            guard let subject: UUID = try? row.decode(forColumn: "subject"), let event: UUID = try? row.decode(forColumn: "event") else { continue }
            let type = EventType(rawValue: (try? row.decode(forColumn: "type")) ?? "")
            if Tickets.subjectTypes.contains(type) {
                if (try? row.decode(forColumn: "stored") as Int64) == 1 { newTicketEvents[subject, default: []].append(event) } else { tickets.insert(subject) }
            } else if FirePoints.eventTypes.contains(type) {
                fires.insert(subject)
            } else if Enterprises.subjectTypes.contains(type) {
                enterprises.insert(subject)
            } else if DustSites.subjectTypes.contains(type) {
                sites.insert(subject)
            } else if DustfallNetwork.stationTypes.contains(type) {
                if let station = try noteDustfallEvent(db, event: event) { stations.insert(station) }
            } else if type == SignOffDepartmentsDefined.eventType {
                signOffsChanged = true
            } else if type == UserRegistered.eventType {
                for name in try noteRegistration(db, event: event) {
                    tickets.formUnion(try UUID.fetchAll(db, sql: "SELECT ticket FROM ticket_actor WHERE actor = ?", arguments: [name]))
                }
            } else if type == GridNodeDefined.eventType {
                gridChanged = true
            } else if DeviceKeys.eventTypes.contains(type) {
                if (try? row.decode(forColumn: "stored") as Int64) == 1 { deviceEvents.append(event) } else { deviceEventsRemoved = true }
            } else if type == DeviceSyncReported.eventType {
                syncingDevices.insert(subject)
            } else if type == AttachmentReceived.eventType {
                try noteArrival(db, event: event)
            }
        }
        var batch = TicketRowBatch()
        tickets.formUnion(try continueTickets(db, newTicketEvents.filter { !tickets.contains($0.key) }, into: &batch))
        try refoldTickets(db, tickets, into: &batch)
        try batch.write(db)
        try refoldFirePoints(db, fires)
        if gridChanged { try refreshGrid(db) }
        if gridChanged || signOffsChanged { enterprises.formUnion(try enterpriseIDs(db)) }
        try refoldEnterprises(db, enterprises)
        try refoldDustSites(db, sites)
        try refoldStations(db, stations)
        if deviceEventsRemoved {
            try refreshDeviceKeys(db)
        } else if !deviceEvents.isEmpty {
            try continueDeviceKeys(db, with: deviceEvents)
        }
        try refreshSyncBacklog(db, devices: syncingDevices)
    }

    /// Rebuilds every read model from the events, in one transaction, telling `progress` how far it
    /// has got; returns how many events the store holds.
    @discardableResult
    public func rebuildReadModels(progress: ((RebuildProgress) -> Void)? = nil) throws -> Int {
        try write { db in
            try Self.rebuildReadModels(db, readModels ?? .all, progress: progress)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0
        }
    }

    /// The bytes the read models' tables and indexes take in the file (SQLite's `dbstat`).
    public func readModelBytes() throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: """
                SELECT IFNULL(SUM(pgsize), 0) FROM dbstat WHERE name IN (SELECT name FROM sqlite_schema WHERE tbl_name IN
                (\(Self.readModelTables.map { "'\($0)'" }.joined(separator: ", ")), 'read_model'))
                """) ?? 0
        }
    }

    /// Rebuilds every read model from the events, telling `progress` how far it has got (every
    /// 10,000 events, and at the end), and marks it current.
    static func rebuildReadModels(_ db: Database, _ set: ReadModelSet, progress: ((RebuildProgress) -> Void)? = nil) throws {
        try makeReadModelTables(db)
        let read = (set.keepsViews ? Tickets.eventTypes.union(FirePoints.eventTypes) : [])
            .union([UserRegistered.eventType, AttachmentReceived.eventType]).map(\.rawValue)
        var count = RebuildProgress(read: 0, total: try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM event WHERE type IN (\(databaseQuestionMarks(count: read.count)))
            """, arguments: StatementArguments(read)) ?? 0)
        func note() {
            count.read += 1
            if count.read % 10_000 == 0 { progress?(count) }
        }
        try forEachEvent(db, ofTypes: [UserRegistered.eventType]) { event in
            if let user = try? PayloadCodec.decode(UserRegistered.self, from: event) { try insertRegistration(db, user, event: event) }
            note()
        }
        if set.keepsViews { try rebuildViews(db, note: note) }
        try forEachEvent(db, ofTypes: [AttachmentReceived.eventType]) { event in
            try insertArrival(db, event)
            note()
        }
        try refreshGrid(db)
        if set.keepsViews { try rebuildCategories(db) }
        count.read = count.total
        progress?(count)
        try refreshDeviceKeys(db)
        try refreshSyncBacklog(db, devices: Set(try UUID.fetchAll(db, sql: "SELECT DISTINCT subject FROM event WHERE type = ?",
                                                                  arguments: [DeviceSyncReported.eventType.rawValue])))
        try db.execute(sql: "DELETE FROM touched_event; DELETE FROM read_model")
        try db.execute(sql: "INSERT INTO read_model (name, version) VALUES (?, ?)", arguments: [set.rawValue, readModelVersion])
    }

    /// Fills the tables of what a device's views read (issues, fire points), calling `note` for each event read.
    private static func rebuildViews(_ db: Database, note: () -> Void) throws {
        // Each step with its recorder's role as it stood, from the registrations just read.
        var tickets = Tickets(roles: try roleHistory(db, of: try String.fetchAll(db, sql: "SELECT DISTINCT name FROM user_registration")))
        var actors: [UUID: Set<String>] = [:], folded: [UUID: CanonicalPosition] = [:]
        try forEachEvent(db, ofTypes: Tickets.subjectTypes) { event in
            tickets.apply(event)
            actors[event.subject, default: []].insert(event.actor)
            folded[event.subject] = event.position
            note()
        }
        var batch = TicketRowBatch()
        for ticket in tickets.byID.values {
            try batch.add(TicketRow(TicketSummary(ticket), folded: folded[ticket.id]), actors: actors[ticket.id] ?? [], db)
        }
        try batch.write(db)
        var points = FirePoints()
        try forEachEvent(db, ofTypes: FirePoints.eventTypes) { event in
            points.apply(event)
            note()
        }
        for point in points.byID.values { try FirePointRow(FirePointSummary(point)).save(db) }
    }

    // MARK: Issues

    /// Re-folds `subjects` from their own events and the registrations of those who recorded them.
    private static func refoldTickets(_ db: Database, _ subjects: Set<UUID>, into batch: inout TicketRowBatch) throws {
        guard !subjects.isEmpty else { return }
        let events = try events(db, about: subjects, ofTypes: Tickets.subjectTypes)
        let tickets = Tickets.fold(events, roles: try roleHistory(db, of: Set(events.map(\.actor)))).byID
        var actors: [UUID: Set<String>] = [:], folded: [UUID: CanonicalPosition] = [:]
        for event in events {
            actors[event.subject, default: []].insert(event.actor)
            folded[event.subject] = event.position
        }
        for subject in subjects {
            if let ticket = tickets[subject] {
                // Who recorded an issue's events only grows, except when events are set aside; a
                // name left over then only costs a needless re-fold on its next role change.
                try batch.add(TicketRow(TicketSummary(ticket), folded: folded[subject]), actors: actors[subject] ?? [], db)
            } else {
                try db.execute(sql: "DELETE FROM ticket WHERE id = ?; DELETE FROM ticket_actor WHERE ticket = ?", arguments: [subject, subject])
            }
        }
    }

    /// Applies each issue's newly stored events to its row when they all come after the events the
    /// row was folded from (the usual case: a page of later steps); returns the issues that need a
    /// re-fold instead (no row yet, or an event that falls before the row's last).
    private static func continueTickets(_ db: Database, _ stored: [UUID: [UUID]], into batch: inout TicketRowBatch) throws -> Set<UUID> {
        var refold = Set<UUID>()
        for chunk in Array(stored.keys).chunked(by: 500) {
            let rows = try Row.fetchAll(db, sql: "SELECT \(TicketRow.selection) FROM ticket WHERE id IN (\(databaseQuestionMarks(count: chunk.count)))",
                                        arguments: StatementArguments(chunk))
            var existing: [UUID: TicketRow] = [:]
            for row in rows {
                let ticket = try TicketRow(row: row)
                existing[ticket.summary.id] = ticket
            }
            // An issue without a row is folded from all its events; only the others' new events are read here.
            let ids = chunk.filter { existing[$0] != nil }.flatMap { stored[$0] ?? [] }
            var events: [UUID: [Event]] = [:]
            for idChunk in ids.chunked(by: 500) {
                for event in try Event.fetchAll(db, sql: "SELECT \(Event.columns) FROM event WHERE id IN (\(databaseQuestionMarks(count: idChunk.count)))",
                                                arguments: StatementArguments(idChunk)) {
                    events[event.subject, default: []].append(event)
                }
            }
            let roles = try roleHistory(db, of: Set(events.values.joined().map(\.actor)))
            for subject in chunk {
                let new = Event.inCanonicalOrder(events[subject] ?? [])
                guard let row = existing[subject], let folded = row.folded, let first = new.first, let last = new.last, folded < first.position else {
                    refold.insert(subject)
                    continue
                }
                try batch.add(TicketRow(row.summary.continued(with: new, roles: roles), folded: last.position), actors: Set(new.map(\.actor)), db)
            }
        }
        return refold
    }

    // MARK: Fire points

    /// Re-folds the fire points `subjects` from their own events.
    private static func refoldFirePoints(_ db: Database, _ subjects: Set<UUID>) throws {
        guard !subjects.isEmpty else { return }
        let folded = FirePoints.fold(try events(db, about: subjects, ofTypes: FirePoints.eventTypes))
        for subject in subjects {
            if let point = folded[subject] {
                try FirePointRow(FirePointSummary(point)).save(db)
            } else {
                try db.execute(sql: "DELETE FROM fire_point WHERE id = ?", arguments: [subject])
            }
        }
    }

    /// The condition that leaves out this device's own events the server refused (they stay in
    /// its chain, and in its quarantine list with why): no other replica holds them, so no view
    /// counts them, and this device's views agree with everyone else's.
    static let notRefused = "id NOT IN (SELECT id FROM quarantine)"

    /// The events about `subjects` of `types` that views count (``notRefused``), in canonical order.
    static func events(_ db: Database, about subjects: Set<UUID>, ofTypes types: Set<EventType>) throws -> [Event] {
        let types = types.map(\.rawValue)
        var chunks: [[Event]] = []
        // By subject, always: given a long list of subjects, SQLite's planner may pick the index by
        // type instead and read every event of those types for each page (seen: a 1M-event season
        // took 16 minutes to pull instead of one).
        for chunk in Array(subjects).chunked(by: 500) {
            chunks.append(try Event.fetchAll(db, sql: """
                SELECT \(Event.columns) FROM event INDEXED BY event_by_subject
                WHERE subject IN (\(databaseQuestionMarks(count: chunk.count))) AND type IN (\(databaseQuestionMarks(count: types.count)))
                AND \(notRefused)
                ORDER BY hlc, device, cseq
                """, arguments: StatementArguments(chunk) + StatementArguments(types)))
        }
        return chunks.count == 1 ? chunks[0] : Event.inCanonicalOrder(chunks.joined())
    }

    // MARK: Attachments

    /// Notes an `attachment.received` event stored or removed.
    private static func noteArrival(_ db: Database, event id: UUID) throws {
        try db.execute(sql: "DELETE FROM attachment_arrival WHERE event = ?", arguments: [id])
        if let event = try Event.fetchOne(db, sql: "SELECT \(Event.columns) FROM event WHERE id = ?", arguments: [id]) { try insertArrival(db, event) }
    }

    private static func insertArrival(_ db: Database, _ event: Event) throws {
        guard let received = try? PayloadCodec.decode(AttachmentReceived.self, from: event) else { return }
        try db.execute(sql: "INSERT INTO attachment_arrival (event, digest) VALUES (?, ?)", arguments: [event.id, received.sha256])
    }

    // MARK: Users

    /// Notes a user registration stored or removed; returns the names whose registrations changed.
    private static func noteRegistration(_ db: Database, event id: UUID) throws -> [String] {
        if let event = try Event.fetchOne(db, sql: "SELECT \(Event.columns) FROM event WHERE id = ?", arguments: [id]) {
            guard let user = try? PayloadCodec.decode(UserRegistered.self, from: event) else { return [] }
            try insertRegistration(db, user, event: event)
            return [user.name]
        }
        let names = try String.fetchAll(db, sql: "SELECT name FROM user_registration WHERE event = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM user_registration WHERE event = ?", arguments: [id])
        return names
    }

    private static func insertRegistration(_ db: Database, _ user: UserRegistered, event: Event) throws {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO user_registration (name, event, hlc, device, cseq, role, scope) VALUES (?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [user.name, event.id, event.hlc.packed, event.device, event.cseq, user.role.rawValue, user.scope])
    }

    /// The roles over time of `names`, from their registrations.
    static func roleHistory(_ db: Database, of names: some Collection<String>) throws -> RoleHistory {
        var registrations: [(name: String, position: CanonicalPosition, role: Role)] = []
        for chunk in Array(names).chunked(by: 500) {
            let rows = try Row.fetchAll(db, sql: """
                SELECT name, hlc, device, cseq, role FROM user_registration WHERE name IN (\(databaseQuestionMarks(count: chunk.count)))
                """, arguments: StatementArguments(chunk))
            for row in rows {
                guard let name: String = try? row.decode(forColumn: "name"), let packed: Int64 = try? row.decode(forColumn: "hlc"),
                      let hlc = HybridTimestamp(packed: packed), let device: UUID = try? row.decode(forColumn: "device"),
                      let cseq: Int64 = try? row.decode(forColumn: "cseq"),
                      let role = Role(rawValue: (try? row.decode(forColumn: "role")) ?? "") else {
                    throw StoreError.damaged("a user registration row cannot be read: run lantian rebuild")
                }
                registrations.append((name, CanonicalPosition(hlc: hlc, device: device, cseq: cseq), role))
            }
        }
        return RoleHistory(registrations)
    }

    // MARK: Folding

    /// Folds the events a projection reads, in canonical order, within a transaction.
    static func fold<P: Projection>(_ db: Database, _: P.Type) throws -> P {
        var state = P()
        try forEachEvent(db, ofTypes: P.eventTypes) { state.apply($0) }
        return state
    }

    /// Calls `body` with every event of `types` that views count (``notRefused``), in canonical order, read one at a time.
    static func forEachEvent(_ db: Database, ofTypes types: Set<EventType>, _ body: (Event) throws -> Void) throws {
        let types = Array(types.map(\.rawValue))
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(Event.columns) FROM event WHERE type IN (\(databaseQuestionMarks(count: types.count))) AND \(notRefused)
            ORDER BY hlc, device, cseq
            """, arguments: StatementArguments(types))
        while let row = try rows.next() { try body(try Event(row: row)) }
    }
}

extension Array {
    /// The array in consecutive slices of at most `size` elements.
    func chunked(by size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

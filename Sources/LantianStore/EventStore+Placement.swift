import Foundation
import GRDB
import LantianDomain

/// Where accepted events lie in the grid, and which record started each subject (server side):
/// what scoped pulls filter on, and what ``Admission`` looks up to place an event that follows a
/// record, and to refuse a second start of a subject.
extension EventStore {
    /// Decides whether the server accepts `event`, pushed by the user `check` names: its clock and
    /// payload (``Admission/read(_:receivedAt:)``), its id, then who may record it where.
    static func admit(_ db: Database, _ event: Event, checking check: PushCheck, receivedAt: Timestamp) throws
        -> Result<Admission.Verdict, Refusal> {
        switch Admission.read(event, receivedAt: receivedAt) {
        case .failure(let refusal):
            return .failure(refusal)
        case .success(let reading):
            if try idIsTaken(db, event.id) { return .failure(.idTaken(id: event.id)) }
            return try Admission.decide(reading, of: event, by: check.user, scope: check.scope, grid: check.grid,
                                        records: { try subjectRecord(db, $0) })
        }
    }

    /// What this store holds of `subject`: the type that started it and where it lies.
    static func subjectRecord(_ db: Database, _ subject: UUID) throws -> Admission.SubjectRecord? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT type, node FROM subject_node WHERE subject = ?"), arguments: [subject]).map {
            Admission.SubjectRecord(type: EventType(rawValue: try $0.decode(forColumn: "type") ?? ""), node: try $0.decode(forColumn: "node"))
        }
    }

    static func idIsTaken(_ db: Database, _ id: UUID) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM event WHERE id = ?)"), arguments: [id]) ?? false
    }

    /// Notes where an accepted event lies (`nil`: every device receives it), the blobs it cites, and,
    /// for an event that starts its subject, that the subject is now taken, by its type, there.
    static func place(_ db: Database, _ event: Event, sseq: Int64, verdict: Admission.Verdict) throws {
        try db.cachedStatement(sql: "INSERT INTO event_node (sseq, node) VALUES (?, ?)").execute(arguments: [sseq, verdict.node])
        for digest in verdict.cites {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO evidence_citation (digest, sseq) VALUES (?, ?)").execute(arguments: [digest, sseq])
        }
        if verdict.startsSubject, let node = verdict.node {
            try db.cachedStatement(sql: "INSERT INTO subject_node (subject, node, type) VALUES (?, ?, ?) ON CONFLICT (subject) DO NOTHING")
                .execute(arguments: [event.subject, node, event.type.rawValue])
        }
        if let referrer = verdict.referredBy {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO subject_reader (subject, user) VALUES (?, ?)").execute(arguments: [event.subject, referrer])
        }
        if let former = verdict.formerNode, let node = verdict.node {
            // A transfer: the office it leaves hears of it too; the record lies at the new node from now.
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO event_also (sseq, node) VALUES (?, ?)").execute(arguments: [sseq, former])
            try db.cachedStatement(sql: "UPDATE subject_node SET node = ? WHERE subject = ?").execute(arguments: [node, event.subject])
        }
    }

    /// Notes where an event the server recorded itself lies: reference data for every device, a
    /// setting at its node, a sync report where its user works. A user's registration also notes
    /// their scope, where their sync reports lie.
    static func placeServerRecord(_ db: Database, _ event: Event, content: (any EventContent)?, sseq: Int64) throws {
        let node = try content.flatMap { try Admission.nodeOfServerRecord(event, content: $0, records: { try subjectRecord(db, $0) }) }
        try place(db, event, sseq: sseq, verdict: Admission.Verdict(node: node, startsSubject: false))
        if let user = content as? UserRegistered {
            try db.cachedStatement(sql: """
                INSERT INTO subject_node (subject, node, type) VALUES (?, ?, ?)
                ON CONFLICT (subject) DO UPDATE SET node = excluded.node
                """).execute(arguments: [event.subject, user.scope, event.type.rawValue])
        }
    }
}

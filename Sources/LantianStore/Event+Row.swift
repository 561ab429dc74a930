import Foundation
import GRDB
import LantianDomain

extension Event {
    /// The envelope columns, in the order ``init(row:)`` and ``insert(into:sseq:receivedAt:)`` use.
    static let columns = "id, device, cseq, actor, hlc, recordedAt, subject, type, schema, payload, previous"

    /// The envelope columns of `table` (an alias), for a query that joins it with others.
    static func columns(of table: String) -> String {
        columns.split(separator: ",").map { "\(table).\($0.trimmingCharacters(in: .whitespaces))" }.joined(separator: ", ")
    }

    /// The event a stored row holds. A row that does not hold one (a damaged store: a NULL, a
    /// value of the wrong type, an impossible clock) throws ``StoreError/corruptEvent(id:reason:)``
    /// naming it; nothing traps.
    init(row: Row) throws {
        let id: UUID? = try? row.decode(forColumn: "id")
        do {
            let packedClock: Int64 = try row.decode(forColumn: "hlc")
            guard let hlc = HybridTimestamp(packed: packedClock) else { throw StoreError.corruptEvent(id: id, reason: "hlc \(packedClock) is negative") }
            // An event stored before chains existed has none; it reads as a first event, and does not verify.
            let previous: Data = try row.decode(forColumn: "previous") ?? EventChain.genesis
            guard previous.count == EventChain.hashBytes else {
                throw StoreError.corruptEvent(id: id, reason: "its previous-event hash has \(previous.count) bytes, not 32")
            }
            self.init(
                id: try row.decode(forColumn: "id"), device: try row.decode(forColumn: "device"), cseq: try row.decode(forColumn: "cseq"),
                actor: try row.decode(forColumn: "actor"), hlc: hlc, recordedAt: Timestamp(millisecondsSince1970: try row.decode(forColumn: "recordedAt")),
                subject: try row.decode(forColumn: "subject"), type: EventType(rawValue: try row.decode(forColumn: "type")),
                schema: try row.decode(forColumn: "schema"), payload: try row.decode(forColumn: "payload"), previous: previous)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.corruptEvent(id: id, reason: "\(error)")
        }
    }

    private static let insertSQL = "INSERT INTO event (\(columns), sseq, receivedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

    /// Inserts the event; throws a constraint error if its id or (device, cseq) is already taken.
    func insert(into db: Database, sseq: Int64? = nil, receivedAt: Timestamp? = nil) throws {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: arguments(sseq: sseq, receivedAt: receivedAt))
    }

    /// Inserts the event unless one with its id is stored; returns whether it was inserted.
    func insertUnlessPresent(into db: Database, receivedAt: Timestamp) throws -> Bool {
        try db.cachedStatement(sql: Self.insertSQL + " ON CONFLICT (id) DO NOTHING")
            .execute(arguments: arguments(sseq: nil, receivedAt: receivedAt))
        return db.changesCount > 0
    }

    private func arguments(sseq: Int64?, receivedAt: Timestamp?) -> StatementArguments {
        [id, device, cseq, actor, hlc.packed, recordedAt.millisecondsSince1970, subject, type.rawValue,
         Int64(schema), payload, previous, sseq, receivedAt?.millisecondsSince1970]
    }
}

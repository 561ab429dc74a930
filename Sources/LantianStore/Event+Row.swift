import Foundation
import GRDB
import LantianDomain

/// An event as a row of the `event` table (and of `set_aside`, which has the same envelope columns).
extension Event: FetchableRecord {
    /// The envelope columns, in the order rows are read and written.
    enum Columns: String, ColumnExpression, CaseIterable {
        case id, device, cseq, actor, hlc, recordedAt, subject, type, schema, payload, previous
    }

    /// The envelope columns as a selection: `id, device, …, previous`.
    static let columns = Columns.allCases.map(\.name).joined(separator: ", ")

    /// The envelope columns of `table` (an alias), for a query that joins it with others.
    static func columns(of table: String) -> String {
        Columns.allCases.map { "\(table).\($0.name)" }.joined(separator: ", ")
    }

    /// The event a stored row holds, its first columns ``columns`` (read by place, not by name: a
    /// pulled page reads a thousand). A row that does not hold one (a damaged store: a NULL, a
    /// value of the wrong type, an impossible clock) throws ``StoreError/corruptEvent(id:reason:)``
    /// naming it; nothing traps.
    public init(row: Row) throws {
        let id: UUID? = try? row.decode(atIndex: Columns.id.index)
        do {
            let packedClock: Int64 = try row.decode(atIndex: Columns.hlc.index)
            guard let hlc = HybridTimestamp(packed: packedClock) else { throw StoreError.corruptEvent(id: id, reason: "hlc \(packedClock) is negative") }
            // An event stored before chains existed has none; it reads as a first event, and does not verify.
            let previous: Data = try row.decode(atIndex: Columns.previous.index) ?? EventChain.genesis
            guard previous.count == EventChain.hashBytes else {
                throw StoreError.corruptEvent(id: id, reason: "its previous-event hash has \(previous.count) bytes, not 32")
            }
            self.init(
                id: try row.decode(atIndex: Columns.id.index), device: try row.decode(atIndex: Columns.device.index),
                cseq: try row.decode(atIndex: Columns.cseq.index), actor: try row.decode(atIndex: Columns.actor.index), hlc: hlc,
                recordedAt: Timestamp(millisecondsSince1970: try row.decode(atIndex: Columns.recordedAt.index)),
                subject: try row.decode(atIndex: Columns.subject.index), type: EventType(rawValue: try row.decode(atIndex: Columns.type.index)),
                schema: try row.decode(atIndex: Columns.schema.index), payload: try row.decode(atIndex: Columns.payload.index), previous: previous)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.corruptEvent(id: id, reason: "\(error)")
        }
    }

    /// The envelope's values, in ``Columns`` order.
    private var values: [(any DatabaseValueConvertible)?] {
        [id, device, cseq, actor, hlc.packed, recordedAt.millisecondsSince1970, subject, type.rawValue, Int64(schema), payload, previous]
    }

    private static func insertSQL(into table: String, extra: [String] = []) -> String {
        let names = Columns.allCases.map(\.name) + extra
        return "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: names.count).joined(separator: ", ")))"
    }

    private static let insertEventSQL = insertSQL(into: "event", extra: ["sseq", "receivedAt"])

    /// Inserts the event; throws a constraint error if its id or (device, cseq) is already taken.
    func insert(into db: Database, sseq: Int64? = nil, receivedAt: Timestamp? = nil) throws {
        try db.cachedStatement(sql: Self.insertEventSQL).execute(arguments: arguments(sseq: sseq, receivedAt: receivedAt))
    }

    /// Inserts the event unless one with its id is stored; returns whether it was inserted.
    func insertUnlessPresent(into db: Database, receivedAt: Timestamp) throws -> Bool {
        try db.cachedStatement(sql: Self.insertEventSQL + " ON CONFLICT (id) DO NOTHING")
            .execute(arguments: arguments(sseq: nil, receivedAt: receivedAt))
        return db.changesCount > 0
    }

    /// Keeps the event in `set_aside`, unless it is kept there already.
    func setAside(in db: Database) throws {
        try db.cachedStatement(sql: Self.insertSQL(into: "set_aside") + " ON CONFLICT DO NOTHING").execute(arguments: StatementArguments(values))
    }

    private func arguments(sseq: Int64?, receivedAt: Timestamp?) -> StatementArguments {
        StatementArguments(values + [sseq, receivedAt?.millisecondsSince1970])
    }
}

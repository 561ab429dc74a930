import Foundation
import GRDB
import LantianDomain

/// Issue rows and who recorded them, written in multi-row statements of up to ``size`` rows: a
/// pulled page or a rebuild writes hundreds, and one statement per row cost more in statement work
/// than SQLite took to write it (BENCHMARKS.md).
struct TicketRowBatch {
    static let size = 32
    private var rows: [TicketRow] = []
    private var actors: [(actor: String, ticket: UUID)] = []

    /// Adds an issue's row (replacing the stored one) and the names who recorded its events.
    mutating func add(_ row: TicketRow, actors names: Set<String>, _ db: Database) throws {
        rows.append(row)
        actors += names.map { ($0, row.summary.id) }
        if rows.count >= Self.size { try write(db) }
    }

    /// Writes what is added and not yet written.
    mutating func write(_ db: Database) throws {
        for chunk in rows.chunked(by: Self.size) {
            try db.cachedStatement(sql: TicketRow.saveSQL(rows: chunk.count))
                .execute(arguments: StatementArguments(chunk.flatMap(\.values)))
        }
        for chunk in actors.chunked(by: 256) {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO ticket_actor (actor, ticket) VALUES \(Array(repeating: "(?, ?)", count: chunk.count).joined(separator: ", "))")
                .execute(arguments: StatementArguments(chunk.reduce(into: [any DatabaseValueConvertible]()) { $0 += [$1.actor, $1.ticket] }))
        }
        rows = []
        actors = []
    }
}

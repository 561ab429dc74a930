import Foundation
import GRDB
import LantianDomain

/// A row of the `fire_point` read model: one fire point as reviews read it.
struct FirePointRow: FetchableRecord {
    static let databaseTableName = "fire_point"

    enum Columns: String, ColumnExpression, CaseIterable {
        case id, node, latitude, longitude, observedAt, reportedBy, note, responseMinutes
    }

    /// The columns rows are read with, in ``Columns`` order (``init(row:)`` reads them by place).
    static let selection = Columns.allCases.map(\.name).joined(separator: ", ")

    var summary: FirePointSummary

    init(_ summary: FirePointSummary) { self.summary = summary }

    /// Reads a row; one that does not hold a fire point (a damaged store) throws ``StoreError/damaged(_:)``.
    init(row: Row) throws {
        do {
            let minutes: Int64? = try row.decode(atIndex: Columns.responseMinutes.index)
            summary = FirePointSummary(
                id: try row.decode(atIndex: Columns.id.index), node: try row.decode(atIndex: Columns.node.index),
                location: try GeoPoint(latitude: try row.decode(atIndex: Columns.latitude.index), longitude: try row.decode(atIndex: Columns.longitude.index)),
                observedAt: Timestamp(millisecondsSince1970: try row.decode(atIndex: Columns.observedAt.index)),
                reportedBy: try row.decode(atIndex: Columns.reportedBy.index), note: try row.decode(atIndex: Columns.note.index), responseMinutes: minutes)
        } catch {
            throw StoreError.damaged("a fire point row cannot be read (\(error)): run lantian rebuild")
        }
    }

    /// Inserts the row, or replaces the row of the same fire point.
    func save(_ db: Database) throws {
        try db.cachedStatement(sql: Self.saveSQL).execute(arguments: [
            summary.id, summary.node, summary.location.latitude, summary.location.longitude, summary.observedAt.millisecondsSince1970,
            summary.reportedBy, summary.note, summary.responseMinutes,
        ])
    }

    private static let saveSQL = """
        INSERT OR REPLACE INTO fire_point (\(Columns.allCases.map(\.name).joined(separator: ", ")))
        VALUES (\(databaseQuestionMarks(count: Columns.allCases.count)))
        """
}

import Foundation
import GRDB
import LantianDomain

/// A row of the `grid_node` read model: one grid node as its latest definition holds it.
struct GridNodeRow {
    static let databaseTableName = "grid_node"

    enum Columns: String, ColumnExpression, CaseIterable {
        case code, name, level, parent, boundary, retired
    }

    var node: GridNodeDefined

    init(_ node: GridNodeDefined) { self.node = node }

    /// Reads a row; one that does not hold a node (a damaged store) throws ``StoreError/damaged(_:)``.
    init(row: Row) throws {
        do {
            guard let level = GridLevel(rawValue: try row.decode(forColumn: Columns.level)) else {
                throw StoreError.damaged("a grid node row has an unknown level: run lantian rebuild")
            }
            let boundary: Data? = try row.decode(forColumn: Columns.boundary)
            node = GridNodeDefined(code: try row.decode(forColumn: Columns.code), name: try row.decode(forColumn: Columns.name), level: level,
                                   parent: try row.decode(forColumn: Columns.parent),
                                   boundary: try boundary.map { try JSONDecoder().decode(GeoBoundary.self, from: $0) },
                                   retired: try row.decode(forColumn: Columns.retired))
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError.damaged("a grid node row cannot be read (\(error)): run lantian rebuild")
        }
    }

    /// Inserts the row, or replaces the row of the same node.
    func save(_ db: Database) throws {
        let boundary = try node.boundary.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try db.cachedStatement(sql: Self.saveSQL).execute(arguments: [node.code, node.name, node.level.rawValue, node.parent, boundary, node.isRetired])
    }

    private static let saveSQL = """
        INSERT OR REPLACE INTO grid_node (\(Columns.allCases.map(\.name).joined(separator: ", ")))
        VALUES (\(databaseQuestionMarks(count: Columns.allCases.count)))
        """
}

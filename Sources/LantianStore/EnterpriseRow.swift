import Foundation
import GRDB
import LantianDomain

/// A row of the `enterprise` read model: one enterprise's case as its events fold it, with the
/// columns the ledger is looked up by and the whole case as JSON.
struct EnterpriseRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "enterprise"

    var id: UUID
    var node: String
    var name: String
    var state: String
    var record: Enterprise

    init(_ enterprise: Enterprise) {
        (id, node, name, state, record) = (enterprise.id, enterprise.registration.node, enterprise.registration.name,
                                           enterprise.state.rawValue, enterprise)
    }

    /// Every enterprise; a row that does not hold one (a damaged store) throws ``StoreError/damaged(_:)``.
    static func all(_ db: Database) throws -> [Enterprise] {
        do { return try fetchAll(db).map(\.record) } catch { throw StoreError.damaged("an enterprise row cannot be read (\(error)): run lantian rebuild") }
    }
}

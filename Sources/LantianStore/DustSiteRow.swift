import Foundation
import GRDB
import LantianDomain

/// A row of the `dust_site` read model: one dust site and its inspections as their events fold
/// them, with the columns sites are looked up by and the whole site as JSON.
struct DustSiteRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "dust_site"

    var id: UUID
    var node: String
    var name: String
    var record: DustSites.Site

    init(_ site: DustSites.Site) { (id, node, name, record) = (site.id, site.registration.node, site.registration.name, site) }

    /// Every site; a row that does not hold one (a damaged store) throws ``StoreError/damaged(_:)``.
    static func all(_ db: Database) throws -> [DustSites.Site] {
        do { return try fetchAll(db).map(\.record) } catch { throw StoreError.damaged("a dust site row cannot be read (\(error)): run lantian rebuild") }
    }
}

import Foundation
import LantianDomain
import LantianStore

/// Workload 5: every projection rebuilt from the events of a store. Lantian keeps no projection
/// on disk — each command folds the ones it reads from the events, and a store keeps what it
/// folded only while it is open — so a rebuild is a fold of all of them, each over the events of
/// its types, on the store opened afresh.
enum Rebuild {
    static let projections: [any Projection.Type] = [
        Grid.self, Directory.self, DeviceKeys.self, SyncBacklog.self, ReceivedAttachments.self,
        FirePoints.self, Tickets.self, Enterprises.self, DustSites.self, DustfallNetwork.self,
    ]

    /// Events of the store at `path` per second, folding every projection.
    static func eventsPerSecond(storeAt path: String) throws -> Double {
        let store = try EventStore(path: path)
        let count = try store.count()
        let start = ContinuousClock.now
        for projection in projections { try fold(projection, of: store) }
        return Double(count) / (ContinuousClock.now - start).seconds
    }

    private static func fold<P: Projection>(_: P.Type, of store: EventStore) throws {
        _ = try store.project(P.self)
    }
}

import Foundation
import LantianStore

/// Workload 5: every read model rebuilt from the events of a store, in one transaction (what
/// `lantian rebuild` does, and what opening a store whose read models are of another version does).
enum Rebuild {
    /// Events of the store at `path` per second, rebuilding every read model.
    static func eventsPerSecond(storeAt path: String) throws -> Double {
        let store = try EventStore(path: path)
        let start = ContinuousClock.now
        let count = try store.rebuildReadModels()
        return Double(count) / (ContinuousClock.now - start).seconds
    }
}

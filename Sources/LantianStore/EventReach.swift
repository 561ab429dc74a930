import Foundation
import GRDB

/// Whom a run of accepted events concerns, as their pulls would see them (``Visibility``): the
/// nodes they lie at (a transfer also where its issue lay), whether one lies at no node (reference
/// data, for every device), and the users who referred their records. The server tells a subscribed
/// device of new events only when they concern it, so a cell's officer is not woken by every other
/// cell's push.
public struct EventReach: Hashable, Sendable {
    public var nodes: Set<String> = []
    public var reachesEveryone = false
    public var readers: Set<String> = []

    public init(nodes: Set<String> = [], reachesEveryone: Bool = false, readers: Set<String> = []) {
        self.nodes = nodes
        self.reachesEveryone = reachesEveryone
        self.readers = readers
    }

    /// Whether a user named `user` who sees the nodes `visible` (`nil`: all) would pull one of them.
    public func concerns(visible: Set<String>?, user: String?) -> Bool {
        guard let visible else { return true }
        return reachesEveryone || !nodes.isDisjoint(with: visible) || user.map(readers.contains) == true
    }
}

extension EventStore {
    /// Whom the events after global sequence `after` through `head` concern (every event a server
    /// accepted has its `event_node` row, as scoped pages also rely on).
    public func reach(after: Int64, through head: Int64) throws -> EventReach {
        try read { db in
            var reach = EventReach()
            let range: [Int64] = [after, head]
            for node in try String?.fetchAll(db, sql: "SELECT DISTINCT node FROM event_node WHERE sseq > ? AND sseq <= ?", arguments: .init(range)) {
                if let node { reach.nodes.insert(node) } else { reach.reachesEveryone = true }
            }
            reach.nodes.formUnion(try String.fetchAll(db, sql: "SELECT DISTINCT node FROM event_also WHERE sseq > ? AND sseq <= ?", arguments: .init(range)))
            reach.readers = Set(try String.fetchAll(db, sql: """
                SELECT DISTINCT r.user FROM event e JOIN subject_reader r ON r.subject = e.subject WHERE e.sseq > ? AND e.sseq <= ?
                """, arguments: .init(range)))
            return reach
        }
    }
}

import Foundation
import GRDB

/// What one user sees of the server's accepted events (PROTOCOL.md, *Roles and scope*), as SQL over
/// an event `e` and its `event_node` `n`: an event at one of the user's visible nodes or at no node
/// (reference data for every device), a transfer also lying at one of them (`event_also`), or an
/// event about a record the user referred (`subject_reader`). Pulls and fetches ask the same.
struct Visibility {
    /// The visible nodes as a JSON array, for `json_each`.
    let nodes: String
    let reader: String

    init(nodes: Set<String>, reader: String?) throws {
        self.nodes = String(decoding: try JSONEncoder().encode(nodes.sorted()), as: UTF8.self)
        self.reader = reader ?? ""
    }

    /// The condition, which takes ``arguments`` where it stands.
    static let predicate = """
        (n.node IS NULL OR n.node IN (SELECT value FROM json_each(?))
         OR EXISTS (SELECT 1 FROM event_also a WHERE a.sseq = e.sseq AND a.node IN (SELECT value FROM json_each(?)))
         OR EXISTS (SELECT 1 FROM subject_reader r WHERE r.subject = e.subject AND r.user = ?))
        """

    var arguments: StatementArguments { [nodes, nodes, reader] }
}

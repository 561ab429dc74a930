import Foundation
import GRDB

/// What one user sees of the server's accepted events (PROTOCOL.md, *Roles and scope*), as SQL over
/// an event `e` and its `event_node` `n`: an event at one of the user's visible nodes or at no node
/// (reference data for every device), a transfer also lying at one of them (`event_also`), or an
/// event about a record the user referred (`subject_reader`). Pulls and fetches ask the same.
///
/// A page is read one of two ways, the same events either way (``Reading``): a user who sees few
/// nodes (a cell's officer, a township's staff, a county's supervisor) through the indexes by node,
/// merged in `sseq` order, so a page costs what it holds; one who sees most of the grid by scanning
/// the log, where nearly every row is theirs.
struct Visibility {
    /// How a page finds the events a user sees.
    enum Reading {
        /// One index range per visible node (`event_node (node, sseq)`), merged by SQLite as a
        /// compound select; for scopes of at most ``mostNodesMerged`` nodes.
        case mergingNodes
        /// The log in `sseq` order, each row checked against ``predicate``.
        case scanning
    }

    /// The widest scope read by merging: one compound term per node, within SQLite's 500 terms.
    static let mostNodesMerged = 200

    /// The visible nodes, sorted.
    let nodeList: [String]
    /// The visible nodes as a JSON array, for `json_each`.
    let nodes: String
    let reader: String

    init(nodes: Set<String>, reader: String?) throws {
        nodeList = nodes.sorted()
        self.nodes = String(decoding: try JSONEncoder().encode(nodeList), as: UTF8.self)
        self.reader = reader ?? ""
    }

    /// How a page of this scope is best read.
    var reading: Reading { nodeList.count <= Self.mostNodesMerged ? .mergingNodes : .scanning }

    /// The condition, which takes ``arguments`` where it stands.
    static let predicate = """
        (n.node IS NULL OR n.node IN (SELECT value FROM json_each(?))
         OR EXISTS (SELECT 1 FROM event_also a WHERE a.sseq = e.sseq AND a.node IN (SELECT value FROM json_each(?)))
         OR EXISTS (SELECT 1 FROM subject_reader r WHERE r.subject = e.subject AND r.user = ?))
        """

    var arguments: StatementArguments { [nodes, nodes, reader] }

    /// The `sseq`s this user sees after `after`, in order, at most `limit`, but for the events of
    /// `device` if given, read by ``Reading/mergingNodes``: a select of one column `sseq` (every
    /// event a server accepted has its `event_node` row, so none is missed).
    func mergedSseqs(after: Int64, leavingOut device: UUID?, limit: Int) -> (sql: String, arguments: StatementArguments) {
        let own = device == nil ? "" : "AND e.device != :device"
        func term(_ node: String) -> String {
            "SELECT n.sseq FROM event_node n CROSS JOIN event e ON e.sseq = n.sseq WHERE n.node \(node) AND n.sseq > :after \(own)"
        }
        let terms = [term("IS NULL")] + nodeList.indices.map { term("= :n\($0)") } + [
            "SELECT a.sseq FROM event_also a CROSS JOIN event e ON e.sseq = a.sseq WHERE a.node IN (SELECT value FROM json_each(:nodes)) AND a.sseq > :after \(own)",
            "SELECT e.sseq FROM subject_reader r CROSS JOIN event e ON e.subject = r.subject WHERE r.user = :reader AND e.sseq > :after \(own)",
        ]
        var values: [String: (any DatabaseValueConvertible)?] = ["after": after, "nodes": nodes, "reader": reader, "limit": limit]
        if let device { values["device"] = device }
        for (index, node) in nodeList.enumerated() { values["n\(index)"] = node }
        return (terms.joined(separator: "\nUNION ") + "\nORDER BY 1 LIMIT :limit", StatementArguments(values))
    }
}

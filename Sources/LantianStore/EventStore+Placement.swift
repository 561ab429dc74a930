import Foundation
import GRDB
import LantianProtocol

/// Where accepted events lie in the grid (server side): what scoped pulls filter on, and what the
/// server checks a pushed event's scope against.
extension EventStore {
    /// Notes the grid node of an accepted event (`node`, as ``resolve(_:_:)`` found it; found here
    /// if not given), and, for an event that starts a record (or registers a user), the node of its subject.
    static func place(_ db: Database, _ event: Event, sseq: Int64, node given: String?? = nil) throws {
        let node = try given ?? resolve(db, EventPlacement.of(event))
        try db.cachedStatement(sql: "INSERT INTO event_node (sseq, node) VALUES (?, ?)").execute(arguments: [sseq, node])
        if EventPlacement.startsRecord(event.type), let node {
            try db.cachedStatement(sql: "INSERT INTO subject_node (subject, node) VALUES (?, ?) ON CONFLICT (subject) DO NOTHING")
                .execute(arguments: [event.subject, node])
        } else if event.type == UserRegistered.eventType, let user = try? PayloadCodec.decode(UserRegistered.self, from: event) {
            try db.cachedStatement(sql: "INSERT INTO subject_node (subject, node) VALUES (?, ?) ON CONFLICT (subject) DO UPDATE SET node = excluded.node")
                .execute(arguments: [event.subject, user.scope])
        }
    }

    /// The grid node `placement` comes to on this server (`nil` for every device, or when unknown).
    static func resolve(_ db: Database, _ placement: EventPlacement) throws -> String? {
        switch placement {
        case .node(let node):
            return node
        case .sameAs(let subject):
            return try String.fetchOne(db.cachedStatement(sql: "SELECT node FROM subject_node WHERE subject = ?"), arguments: [subject])
        case .scopeOf(let user):
            return try String.fetchOne(db.cachedStatement(sql: "SELECT node FROM subject_node WHERE subject = ?"),
                                       arguments: [UserRegistered.subject(for: user)])
        case .everyone, .unplaced, .unknown:
            return nil
        }
    }
}

import Foundation
import LantianDomain
import LantianPostgres
import LantianStore
import LantianTestSupport
import Testing

/// A server's record on a real PostgreSQL, shared by nodes that each keep a SQLite copy of it:
/// append-only in the database itself, one writer at a time in commit order, every copy the same,
/// and a global sequence a pull never skips under concurrent writes of several nodes.
@Suite(.serialized) struct SharedRecordTests {
    /// A new database on the suite's cluster.
    func database() throws -> String { try PostgresCluster.shared.get().newDatabase() }

    /// A node's copy of the record at `connection`: a new file, given `first`'s server key file.
    func node(_ connection: String, serverKeyOf first: EventStore? = nil) throws -> EventStore {
        let path = try temporaryPath("node")
        if let first { try FileManager.default.copyItem(atPath: KeyFile.path(forStore: first.path), toPath: KeyFile.path(forStore: path)) }
        return try EventStore(path: path, keeping: .server, sharing: try PostgresSharedRecord(connection))
    }

    /// A first node holding ``TestGrid`` and its users.
    func firstNode(_ connection: String) throws -> EventStore {
        let first = try node(connection)
        let admin = try ServerIdentity.of(first).acting(as: "admin")
        try first.recordAccepted(try TestGrid.nodes.map { try EventDraft(subject: GridNodeDefined.subject(for: $0.code), payload: $0) }
            + TestGrid.users.map { try EventDraft(subject: UserRegistered.subject(for: $0.name), payload: $0) }, as: admin, now: .now())
        return first
    }

    /// What every copy must agree on: each event with its number and arrival, the head, the
    /// quarantine, the epoch devices see.
    func contents(_ store: EventStore) throws -> [String] {
        let page = try store.page(after: 0, limit: 100_000, maxBytes: .max)
        return page.events.map { "\($0.sseq) \($0.event.id) \($0.receivedAt.millisecondsSince1970)" }
            + ["head \(page.head)", "epoch \(store.epoch)"] + (try store.quarantined().map { "\($0.device) \($0.cseq) \($0.reason)" })
    }

    func fire(_ device: inout HandMadeDevice) throws -> Event {
        try device.make(FirePointReport.eventType, payload: try FirePointReport(location: TestGrid.inCell, node: TestGrid.cell, observedAt: .now(), note: "麦茬地冒烟"))
    }

    @Test func aServerOnOneFileMovesIntoAnEmptyRecordAndANewNodeHoldsTheSame() throws {
        guard !ServerStoreUnderTest.sharesRecord else { return }  // the server file below must be one of its own
        let server = try serverStore()
        var device = try HandMadeDevice("officer.zhang", at: server)
        let refusals = try device.push([try fire(&device), try device.make(FirePointReport.eventType, bytes: Data("not json".utf8))], to: server)
        #expect(refusals.map { $0 == nil } == [true, false])
        let connection = try database()
        // The file itself becomes the first node's copy; a second node is made from the database.
        let first = try EventStore(path: server.path, keeping: .server, sharing: try PostgresSharedRecord(connection))
        let second = try node(connection, serverKeyOf: first)
        #expect(try contents(second) == contents(server))
        #expect(try contents(first) == contents(server))
        #expect(try second.quarantined().count == 1)
        #expect(try second.page(after: 0, limit: 1, maxBytes: .max).head > 10)
        // The record's own event table holds the same events, numbered the same.
        #expect(try PostgresSharedRecord(connection).events(after: 0, limit: 10_000).map(\.sseq)
                == first.page(after: 0, limit: 10_000, maxBytes: .max).events.map(\.sseq))
    }

    @Test func whatOneNodeAcceptsTheOtherServesAndAResendStoresNothingTwice() throws {
        let connection = try database()
        let first = try firstNode(connection)
        let second = try node(connection, serverKeyOf: first)
        #expect(try ServerIdentity.of(second).device.id == ServerIdentity.of(first).device.id)
        var device = try HandMadeDevice("officer.zhang", at: first)
        let events = try (0..<3).map { _ in try fire(&device) }
        #expect(try device.push(events, to: first).allSatisfy { $0 == nil })
        #expect(try second.highestCseq(of: device.device.id) == 3)
        // The same batch again, to the other node: acknowledged, nothing stored twice.
        #expect(try device.push(events, to: second).allSatisfy { $0 == nil })
        #expect(try contents(first) == contents(second))
        #expect(try second.count(of: FirePointReport.eventType) == 3)
        #expect(second.epoch == first.epoch)
    }

    @Test func theDatabaseRefusesToChangeOrRemoveAnEventOrAChangeset() throws {
        let connection = try database()
        _ = try ServerIdentity.of(try node(connection))
        let raw = try PostgresConnection(connection)
        for statement in ["UPDATE event SET actor = 'someone.else'", "DELETE FROM event", "TRUNCATE event",
                          "UPDATE changeset SET rows = ''", "DELETE FROM changeset", "TRUNCATE changeset CASCADE"] {
            do {
                try raw.execute(statement)
                Issue.record("\(statement) was allowed")
            } catch { #expect(error.state == PostgresError.appendOnly, "\(statement): \(error)") }
        }
        #expect(try PostgresSharedRecord(connection).events(after: 0, limit: 10).map(\.event.actor) == ["lantiand"])
    }

    /// Nodes on four connections accept batches at once while a reader pages through the record's
    /// events by cursor, as a pulling device does: it sees every event exactly once and never a
    /// page with a hole (an sseq skipped that a slower transaction committed later). Every node's
    /// copy ends the same.
    @Test func concurrentNodesAgreeAndAPullNeverSkipsAnEvent() throws {
        let connection = try database()
        let first = try firstNode(connection)
        let nodes = try [first] + (1..<4).map { _ in try node(connection, serverKeyOf: first) }
        let devices = try nodes.map { _ in try HandMadeDevice("officer.zhang", at: first) }
        let before = try PostgresSharedRecord(connection).sseqHead()
        let batches = 30, batchSize = 10
        let done = DispatchGroup()
        let failures = Locked<[String]>([])
        for (node, device) in zip(nodes, devices) {
            done.enter()
            Thread.detachNewThread {
                defer { done.leave() }
                do {
                    var device = device
                    for _ in 0..<batches {
                        let events = try (0..<batchSize).map { _ in try fire(&device) }
                        let refused = try device.push(events, to: node).compactMap { $0 }
                        if !refused.isEmpty { failures.withLock { $0.append("refused: \(refused)") } }
                    }
                } catch { failures.withLock { $0.append("\(error)") } }
            }
        }
        let reader = try PostgresSharedRecord(connection)
        var cursor = before
        var seen: [Int64] = []
        let total = before + Int64(nodes.count * batches * batchSize)
        let deadline = Date().addingTimeInterval(120)
        while cursor < total, Date() < deadline {
            for accepted in try reader.events(after: cursor, limit: 37) {
                #expect(accepted.sseq == cursor + 1, "a hole: after \(cursor) came \(accepted.sseq)")
                cursor = accepted.sseq
                seen.append(accepted.sseq)
            }
        }
        done.wait()
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        #expect(seen == Array((before + 1)...total))
        let agreed = try contents(first)
        for node in nodes.dropFirst() { #expect(try contents(node) == agreed) }
    }

    /// Live notification across nodes: a node listening on the head channel hears each committed
    /// write, in commit order, and nothing of a write that changed nothing (a resend).
    @Test func aListeningNodeHearsEachCommittedWriteInOrder() throws {
        let connection = try database()
        let store = try firstNode(connection)
        let record = try PostgresSharedRecord(connection)
        let listener = try PostgresConnection(connection)
        try listener.execute("LISTEN \(PostgresSharedRecord.headChannel)")
        let before = try record.position()
        var device = try HandMadeDevice("officer.zhang", at: store)
        let events = [try fire(&device)]
        _ = try device.push(events, to: store)
        _ = try device.push(events, to: store)
        let after = try record.position()
        var heard: [String] = []
        let deadline = Date().addingTimeInterval(5)
        while heard.count < after - before, Date() < deadline {
            heard += try listener.notifications(timeoutMilliseconds: 500).filter { $0.channel == PostgresSharedRecord.headChannel }.map(\.payload)
        }
        heard += try listener.notifications(timeoutMilliseconds: 300).map(\.payload)
        #expect(heard.compactMap { $0.split(separator: " ").first.flatMap { Int64($0) } } == Array((before + 1)...after))
        #expect(heard.last?.hasSuffix(" \(try record.sseqHead())") == true)
    }

    /// A node whose copy has applied changesets the database no longer holds (a standby promoted
    /// without the primary's last commits) is refused, saying what to do; a new copy is made.
    @Test func aCopyAheadOfTheRecordIsRefusedAndANewCopyIsMade() throws {
        let cluster = try PostgresCluster.shared.get()
        let name = try cluster.newDatabaseName()
        let connection = cluster.connectionString(database: name)
        let path = try firstNode(connection).path  // closed again: a database is copied only when no one is connected
        let earlier = "lantian_earlier_" + UUID().uuidString.prefix(8).lowercased()
        try retrying { try PostgresConnection(cluster.connectionString).execute("CREATE DATABASE \(earlier) TEMPLATE \(name)") }
        let store = try EventStore(path: path, keeping: .server, sharing: try PostgresSharedRecord(connection))
        var device = try HandMadeDevice("officer.zhang", at: store)
        _ = try device.push([try fire(&device)], to: store)
        let promoted = cluster.connectionString(database: earlier)
        #expect {
            _ = try EventStore(path: store.path, keeping: .server, sharing: try PostgresSharedRecord(promoted))
        } throws: { error in
            guard case .copyAheadOfSharedRecord = error as? StoreError else { return false }
            return (error as? StoreError)?.message(in: .chinese).contains("删除本节点的副本文件后重启") == true
        }
        let fresh = try node(promoted, serverKeyOf: store)
        #expect(try ServerIdentity.of(fresh).device.id == ServerIdentity.of(store).device.id)
        #expect(try fresh.count(of: FirePointReport.eventType) == 0)
    }

    /// Runs `body` until it succeeds, for up to five seconds (PostgreSQL ends a closed connection's
    /// backend a moment after the client leaves).
    func retrying(_ body: () throws -> Void) throws {
        let deadline = Date().addingTimeInterval(5)
        while true {
            do { return try body() } catch where Date() < deadline { usleep(100_000) }
        }
    }
}

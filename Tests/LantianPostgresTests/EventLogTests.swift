import Foundation
import LantianDomain
import LantianPostgres
import LantianTestSupport
import Testing

/// The server's event log on a real PostgreSQL: append-only in the database itself, each device's
/// events in sequence, and a global sequence a pull never skips, under concurrent accepts on
/// several connections (as several `lantiand` nodes on one cluster make them).
@Suite(.serialized) struct EventLogTests {
    static let cluster = Result { try PostgresCluster() }

    func log() throws -> (PostgresEventLog, PostgresConnection) {
        let connection = try PostgresConnection(try Self.cluster.get().connectionString)
        try connection.execute("DROP TABLE IF EXISTS event, event_head")
        return (try PostgresEventLog(connection), connection)
    }

    /// `count` consecutive events of a new device, from cseq 1, chained.
    static func events(_ count: Int, device: UUID = UUID()) -> [Event] {
        var previous = EventChain.genesis
        return (1...count).map { cseq in
            let event = Event(id: UUID(), device: device, cseq: Int64(cseq), actor: "officer.zhang",
                              hlc: HybridTimestamp(wallMilliseconds: 1_780_000_000_000 + Int64(cseq), counter: 0),
                              recordedAt: Timestamp(millisecondsSince1970: 1_780_000_000_000 + Int64(cseq)), subject: UUID(),
                              type: "fire.reported", schema: 1, payload: Data(#"{"note":"麦茬地冒烟"}"#.utf8), previous: previous)
            previous = EventChain.hash(of: event)
            return event
        }
    }

    @Test func eventsComeBackAsStoredNumberedInOrder() throws {
        let (log, _) = try log()
        let events = Self.events(3)
        let accepted = try log.append(events, receivedAt: Timestamp(millisecondsSince1970: 1_780_000_100_000))
        #expect(accepted.map(\.sseq) == [1, 2, 3])
        #expect(try log.page(after: 0, limit: 10) == accepted)
        #expect(try log.page(after: 2, limit: 10).map(\.event) == [events[2]])
        #expect(try log.head() == 3)
    }

    @Test func theDatabaseRefusesToChangeOrRemoveAnEvent() throws {
        let (log, connection) = try log()
        _ = try log.append(Self.events(2), receivedAt: .now())
        for statement in ["UPDATE event SET actor = 'someone.else'", "DELETE FROM event WHERE cseq = 2", "TRUNCATE event"] {
            #expect(throws: PostgresError.self) { try connection.execute(statement) }
            do { try connection.execute(statement) } catch { #expect(error.state == PostgresError.appendOnly, "\(statement): \(error)") }
        }
        #expect(try log.page(after: 0, limit: 10).map(\.event.actor) == ["officer.zhang", "officer.zhang"])
    }

    @Test func aBatchThatDoesNotContinueItsDeviceIsRefusedAndStoresNothing() throws {
        let (log, _) = try log()
        let device = UUID()
        let events = Self.events(5, device: device)
        _ = try log.append(Array(events[0..<2]), receivedAt: .now())
        #expect(throws: PostgresEventLog.Refusal.gap(device: device, held: 2, first: 4)) { try log.append(Array(events[3...]), receivedAt: .now()) }
        #expect(throws: PostgresEventLog.Refusal.notOneDevicesSequence) { try log.append([events[2], events[2]], receivedAt: .now()) }
        #expect(try log.head() == 2)
        _ = try log.append(Array(events[2...]), receivedAt: .now())
        #expect(try log.page(after: 0, limit: 10).map(\.event.cseq) == [1, 2, 3, 4, 5])
    }

    /// Writers on four connections accept batches at once while a reader pages through by cursor,
    /// as a pulling device does: the reader ends with every event exactly once, and never saw a
    /// page with a hole (an sseq it skipped that a slower transaction committed later).
    @Test func aPullNeverSkipsAnEventAConcurrentAcceptCommitsLater() throws {
        let (log, _) = try log()
        let connectionString = try Self.cluster.get().connectionString
        let writers = 4, batches = 60, batchSize = 25
        let done = DispatchGroup()
        let failures = Failures()
        for _ in 0..<writers {
            done.enter()
            Thread.detachNewThread {
                defer { done.leave() }
                do {
                    let writer = try PostgresEventLog(try PostgresConnection(connectionString))
                    let events = Self.events(batches * batchSize)
                    for batch in 0..<batches {
                        _ = try writer.append(Array(events[(batch * batchSize)..<((batch + 1) * batchSize)]), receivedAt: .now())
                    }
                } catch { failures.add("\(error)") }
            }
        }
        var cursor: Int64 = 0
        var seen: [Int64] = []
        let total = Int64(writers * batches * batchSize)
        let deadline = Date().addingTimeInterval(120)
        while cursor < total, Date() < deadline {
            let page = try log.page(after: cursor, limit: 37)
            for accepted in page {
                #expect(accepted.sseq == cursor + 1, "a hole: after \(cursor) came \(accepted.sseq)")
                cursor = accepted.sseq
                seen.append(accepted.sseq)
            }
        }
        done.wait()
        #expect(failures.all.isEmpty, "\(failures.all)")
        #expect(seen == Array(1...total))
    }

    /// Live notification across nodes: a node listening on the head channel hears each committed
    /// accept's head, in commit order, and nothing of a refused one.
    @Test func aListeningNodeHearsEachCommittedHeadAndNothingOfARefusedBatch() throws {
        let (log, _) = try log()
        let listener = try PostgresConnection(try Self.cluster.get().connectionString)
        try listener.execute("LISTEN \(PostgresEventLog.headChannel)")
        let device = UUID()
        let events = Self.events(6, device: device)
        _ = try log.append(Array(events[0..<2]), receivedAt: .now())
        _ = try log.append(Array(events[2..<5]), receivedAt: .now())
        #expect(throws: PostgresEventLog.Refusal.self) { try log.append([events[5], events[5]], receivedAt: .now()) }
        #expect(throws: PostgresEventLog.Refusal.self) { try log.append(Array(events[4...]), receivedAt: .now()) }  // not the next event: rolled back
        var heard: [String] = []
        let deadline = Date().addingTimeInterval(5)
        while heard.count < 2, Date() < deadline {
            heard += try listener.notifications(timeoutMilliseconds: 500).filter { $0.channel == PostgresEventLog.headChannel }.map(\.payload)
        }
        heard += try listener.notifications(timeoutMilliseconds: 300).map(\.payload)
        #expect(heard == ["2", "5"])
    }
}

/// Failures collected from threads.
final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []
    func add(_ failure: String) { lock.withLock { list.append(failure) } }
    var all: [String] { lock.withLock { list } }
}

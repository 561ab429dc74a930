import Foundation
import LantianPostgres
import LantianTransport

/// Hears when any node commits to the shared record — `LISTEN` on PostgreSQL's head channel, the
/// connection's socket waited on by the loop with everything else — and says so, so a node tells
/// its own subscribed devices of events other nodes accepted. A lost connection (the database
/// restarted, a standby promoted) is made again every second, off the loop (connecting to a host
/// that is gone can take seconds), and `onCommit` is called once it is back, as commits may have
/// been missed meanwhile.
final class SharedRecordWatcher {
    private let database: String
    private let loop: EventLoop
    private let onCommit: () -> Void
    private let onLost: (String) -> Void
    private var connection: PostgresConnection?
    private var watcher: SocketWatcher?
    private let retry: LoopTimer
    private var isClosed = false

    init(database: String, loop: EventLoop, onCommit: @escaping () -> Void, onLost: @escaping (String) -> Void) throws {
        self.database = database
        self.loop = loop
        self.onCommit = onCommit
        self.onLost = onLost
        retry = try LoopTimer(loop: loop)
        retry.keepsLoopAlive = false
        try watch(Self.listening(to: database))
    }

    func close() {
        isClosed = true
        watcher?.close()
        retry.close()
        connection = nil
    }

    private static func listening(to database: String) throws -> PostgresConnection {
        let connection = try PostgresConnection(database)
        try connection.execute("LISTEN \(PostgresSharedRecord.headChannel)")
        return connection
    }

    private func watch(_ connection: PostgresConnection) throws {
        self.connection = connection
        watcher = try SocketWatcher(loop: loop, socket: connection.socket) { [unowned self] in heard() }
    }

    private func heard() {
        do {
            guard let connection, !(try connection.notifications(timeoutMilliseconds: 0)).isEmpty else { return }
            onCommit()
        } catch {
            onLost("\(error)")
            watcher?.close()
            watcher = nil
            connection = nil
            reconnect()
        }
    }

    private func reconnect() {
        retry.start(afterMilliseconds: 1_000) { [unowned self, database] in
            loop.perform({ Result { try Self.listening(to: database) } }, then: { [self] connected in
                guard !isClosed else { return }
                do {
                    try watch(connected.get())
                    onCommit()
                } catch { reconnect() }
            })
        }
    }
}

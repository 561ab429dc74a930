import Foundation
import Glibc
import LantianDomain
import LantianStore
import LantianSync
import LantianTransport
import Logging

/// `lantiand serve`: serves one store until SIGINT or SIGTERM, then shuts down cleanly.
///
/// ```swift
/// try Daemon.serve(databasePath: "server.sqlite", listen: Endpoint(host: "127.0.0.1", port: 7700))
/// ```
public enum Daemon {
    /// Opens (or creates) the store, listens, and returns once a signal has stopped the server and
    /// every connection is closed. Prints `listening on HOST:PORT epoch EPOCH` on standard output
    /// when ready to accept connections.
    public static func serve(databasePath: String, listen: Endpoint, idleTimeoutSeconds: UInt64 = 30, verbose: Bool = false) throws {
        var logger = Logger(label: "lantiand") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : .info
        // After an upgrade that changes the read models, they are rebuilt before the server listens.
        let store = try EventStore(path: databasePath, keeping: .server, rebuilding: { progress in
            guard progress.read % 100_000 == 0 || progress.read == progress.total else { return }
            logger.info("rebuilding the read models: \(progress.read) of \(progress.total) events read")
        })
        let files = OpenFileLimit.raise()
        let loop = try EventLoop()
        let server = try SyncServer(loop: loop, store: store, endpoint: listen, logger: logger,
                                    idleTimeoutMilliseconds: idleTimeoutSeconds * 1000)
        var watchers: [SignalWatcher] = []
        let stop = {
            logger.info("stopping: closing \(server.connectionCount) connection(s)")
            server.shutDown()
            for watcher in watchers { watcher.close() }
        }
        watchers = [try SignalWatcher(loop: loop, signal: SIGINT, action: stop),
                    try SignalWatcher(loop: loop, signal: SIGTERM, action: stop)]
        let ready = "listening on \(server.endpoint) epoch \(store.epoch.uuidString.lowercased())\n"
        FileHandle.standardOutput.write(Data(ready.utf8))
        let events = try store.count()
        logger.info("serving \(databasePath) (\(events) events) on \(server.endpoint); up to \(files.devices) devices at once (open files: \(files.soft))")
        loop.run()
        logger.info("stopped")
    }
}

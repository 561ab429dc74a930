import Foundation
import LantianDomain
import LantianSessions
import LantianStore
import LantianTransport

/// Syncs a device's store with its server over libuv: once (``run(store:server:purpose:connectTimeout:idleTimeout:onProgress:)``)
/// or for as long as it is asked to (``watch(store:server:backoff:idleTimeout:localCheckMilliseconds:report:)``).
///
/// ```swift
/// let report = try SyncClient.run(store: store, key: key, server: endpoint, security: .tls(context))
/// ```
public enum SyncClient {
    /// What a watching client tells its user.
    public enum WatchEvent: Sendable {
        /// Connected and caught up with the server: what this round pushed and pulled.
        case caughtUp(SyncReport)
        /// The server could not be reached or the connection ended; the next attempt is in `retryInMilliseconds`.
        case disconnected(SyncError, retryInMilliseconds: UInt64)
    }

    /// Connects, runs a ``ClientSession`` for `purpose` to its end, and closes. A refusal the server
    /// calls retryable (a sequence gap, a failure to store), or a disturbed connection (a message the
    /// server did not expect), is retried in a new session, twice at most;
    /// a session that recorded events again under a new device id is followed by one that pushes them.
    ///
    /// - Parameters:
    ///   - connectTimeout: how long to wait for the connection, in milliseconds.
    ///   - idleTimeout: how long to wait for any answer from the server before pinging it, and
    ///     after the ping before giving up, in milliseconds.
    public static func run(
        store: EventStore, key: DeviceKey, server: Endpoint, security: ChannelSecurity, purpose: ClientSession.Purpose = .sync,
        connectTimeout: UInt64 = 3_000, idleTimeout: UInt64 = 15_000, onProgress: ((SyncProgress) -> Void)? = nil
    ) throws(SyncError) -> SyncReport {
        var attempts = 0
        var report = SyncReport()
        while true {
            attempts += 1
            do {
                let session = try once(store: store, key: key, server: server, security: security, purpose: purpose, connectTimeout: connectTimeout,
                                       idleTimeout: idleTimeout, onProgress: onProgress)
                report = report.followed(by: session)
                guard session.needsAnotherSession, case .sync = purpose else { return report }
            } catch where error.isWorthRetrying && attempts < 3 {
                continue
            }
        }
    }

    private static func once(
        store: EventStore, key: DeviceKey, server: Endpoint, security: ChannelSecurity, purpose: ClientSession.Purpose,
        connectTimeout: UInt64, idleTimeout: UInt64, onProgress: ((SyncProgress) -> Void)?
    ) throws(SyncError) -> SyncReport {
        var outcome: Result<SyncReport, SyncError>?
        do {
            let loop = try EventLoop()
            let driver = try SessionDriver(loop: loop, session: ClientSession(store: store, key: key, purpose: purpose))
            driver.onProgress = onProgress
            driver.onEnd = { outcome = $0 }
            driver.start(loop: loop, server: server, security: security, connectTimeout: connectTimeout, idleTimeout: idleTimeout)
            loop.run()
        } catch {
            throw .unreachable(NetworkFailure(error))
        }
        return try outcome!.get()
    }

    /// Syncs, then stays connected: new events from the server arrive as they are accepted, and
    /// events this device records (checked every `localCheckMilliseconds`) are pushed at once. While
    /// the server is unreachable it tries again after each ``Backoff`` delay. Returns on SIGINT or SIGTERM.
    public static func watch(
        store: EventStore, key: DeviceKey, server: Endpoint, security: ChannelSecurity, backoff: Backoff = Backoff(),
        idleTimeout: UInt64 = 15_000, localCheckMilliseconds: UInt64 = 500, report: @escaping (WatchEvent) -> Void
    ) throws(TransportError) {
        let loop = try EventLoop()
        let retry = try LoopTimer(loop: loop)
        let localCheck = try LoopTimer(loop: loop)
        localCheck.keepsLoopAlive = false
        var backoff = backoff
        var random = SystemRandomNumberGenerator()
        var current: SessionDriver?
        var stopping = false
        /// The highest sequence number the store's device has recorded (its id changes if the store was restored).
        func recordedSoFar() -> Int64? { try? store.localDevice().map { try store.highestCseq(of: $0.id) } }
        var recorded = recordedSoFar() ?? 0

        func connect() {
            guard !stopping else { return }
            let driver: SessionDriver
            do {
                driver = try SessionDriver(loop: loop, session: ClientSession(store: store, key: key, purpose: .watch))
            } catch {
                return report(.disconnected(.unreachable(NetworkFailure(error)), retryInMilliseconds: 0))
            }
            driver.onCaughtUp = { summary in
                backoff.reset()
                report(.caughtUp(summary))
            }
            driver.onEnd = { result in
                current = nil
                guard !stopping else { return }
                guard case .failure(let error) = result else {  // the device was replaced: push as the new one
                    recorded = recordedSoFar() ?? recorded
                    return connect()
                }
                let delay = backoff.nextDelay(using: &random)
                report(.disconnected(error, retryInMilliseconds: delay))
                retry.start(afterMilliseconds: delay) { connect() }
            }
            current = driver
            driver.start(loop: loop, server: server, security: security, connectTimeout: 2_000, idleTimeout: idleTimeout)
        }

        localCheck.start(afterMilliseconds: localCheckMilliseconds, repeatMilliseconds: localCheckMilliseconds) {
            guard let latest = recordedSoFar(), latest != recorded else { return }
            recorded = latest
            current?.deviceRecorded()
        }
        var watchers: [SignalWatcher] = []
        for signal in [SIGINT, SIGTERM] {
            watchers.append(try SignalWatcher(loop: loop, signal: signal) {
                stopping = true
                current?.stop()
                retry.close()
                localCheck.close()
                for watcher in watchers { watcher.close() }
            })
        }
        connect()
        loop.run()
    }
}

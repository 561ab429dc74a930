import Foundation
import LantianDomain
import LantianSessions
import LantianWire
import LantianStore
import LantianSync
import LantianTransport

/// The field client's operations on its local store: what each `lantian` command does.
///
/// Every operation works with no network except ``sync()`` and the reachability part of ``status(probe:)``.
///
/// ```swift
/// let client = try FieldClient(databasePath: path)
/// let event = try client.reportFirePoint(location: point, observedAt: time, note: "", now: .now())
/// ```
public final class FieldClient {
    let store: EventStore
    /// The photos ``evidence(photos:)`` read for the command under way, kept with its record.
    var photosToKeep: [Data] = []
    /// Whether a loopback server may be spoken to in plaintext (``plaintextVariable``): for debugging only.
    public var allowsPlaintextLoopback = false

    /// Opens the device's store at `databasePath`, creating it if need be; after an upgrade that
    /// changes the read models, they are rebuilt first and `rebuilding` hears how many of the
    /// records they are made from have been read, of how many.
    public init(databasePath: String, rebuilding: ((_ read: Int, _ total: Int) -> Void)? = nil) throws {
        let folder = URL(fileURLWithPath: databasePath).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try EventStore(path: databasePath, rebuilding: rebuilding.map { report in { report($0.read, $0.total) } })
    }

    /// This device as set up, if it is.
    public func localDevice() throws -> LocalDevice? { try store.localDevice() }

    /// The records refused for good, with their reasons: this device's own, and others' refused on arrival.
    public func quarantined() throws -> [QuarantinedEvent] { try store.quarantined() }

    /// Every grid node's name, by code: what lists show instead of codes.
    public func nodeNames() throws -> [String: String] { try store.nodeNames() }

    /// The grid code `text` names: a code this device knows, or the one node of that name.
    public func nodeCode(_ text: String) throws -> String {
        let names = try store.nodeNames()
        if names[text] != nil { return text }
        let named = names.filter { $0.value == text }.keys.sorted()
        switch named.count {
        case 1: return named[0]
        case 0: throw FieldError.unknownNode(text)
        default: throw FieldError.ambiguousRecord(text, candidates: named)
        }
    }

    /// How many of this device's own records the server refused: no view counts them.
    public func refusedCount() throws -> Int { try store.refusedCount() }

    /// Rebuilds the tables views read from this device's events; returns how many events were read.
    @discardableResult
    public func rebuild(progress: ((_ read: Int, _ total: Int) -> Void)? = nil) throws -> Int {
        try store.rebuildReadModels(progress: progress.map { report in { report($0.read, $0.total) } })
    }

    /// The grid as this device holds it.
    public func grid() throws -> Grid { try store.grid() }

    /// The default store location: `$LANTIAN_DB`, else `~/.local/share/lantian/field.sqlite`.
    public static func defaultDatabasePath(environment: [String: String]) -> String {
        if let path = environment["LANTIAN_DB"], !path.isEmpty { return path }
        let home = environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
        return "\(home)/.local/share/lantian/field.sqlite"
    }

    /// Sets this device up for `actor`, syncing with `server`; the device id never changes once made.
    public func setUp(actor: String, server: String) throws -> LocalDevice {
        let actor = actor.trimmingCharacters(in: .whitespaces)
        guard !actor.isEmpty else { throw InvalidValue(field: "user", rule: .empty) }
        guard actor.utf8.count <= MessageCodec.FieldLimit.actorBytes else {
            throw InvalidValue(field: "user", rule: .tooLong(maxCharacters: MessageCodec.FieldLimit.actorBytes))
        }
        _ = try parseServer(server)
        return try store.setUpLocalDevice(actor: actor, server: server)
    }

    /// Enrols this device with the server at `server` using a one-time `code` from an administrator:
    /// makes the device key (kept next to the store, readable by its owner only), registers its
    /// public half, then syncs to get the grid and the directory. A store set up to record before
    /// enrolment keeps its device and events.
    ///
    /// - Parameter sync: sync right after enrolling (else at the next `lantian sync`).
    ///   - certificateAuthorities: a PEM bundle of CA certificates to check the server with from
    ///     now on, for a deployment with its own PKI; without it, the code's pin is checked and the
    ///     server's key pinned.
    public func enroll(server: String, code typed: String, certificateAuthorities: String? = nil, sync: Bool = true) throws -> SyncReport {
        let endpoint = try parseServer(server)
        guard let code = EnrolmentCode(typed: typed) else { throw FieldError.badEnrolmentCode(typed) }
        if let device = try store.localDevice(), device.isEnrolled { throw FieldError.alreadyEnrolled(device.actor) }
        let channel = try enrolmentChannel(to: endpoint, code: code, certificateAuthorities: certificateAuthorities)
        let key = DeviceKey()
        try KeyFile.write(key, to: KeyFile.path(forStore: store.path))
        let bundle = certificateAuthorities.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let enrolment = try SyncClient.run(store: store, key: key, server: endpoint, security: channel,
                                           purpose: .enrol(code: code.secret.description, server: server, certificateAuthorities: bundle))
        guard sync else { return enrolment }
        let report = try SyncClient.run(store: store, key: key, server: endpoint, security: try syncChannel(to: endpoint))
        try store.noteSyncCompleted(at: .now())
        return enrolment.followed(by: report)
    }

    /// Re-checks the store: SQLite's own check of the file, every chain and signature this device
    /// holds (its own events, and what it pulled with the proofs that came with it), and its own
    /// events, the newest not yet signed included, against the hashes they had when recorded.
    public func verify() throws -> StoreAudit {
        let device = try requireDevice()
        var audit = try store.audit(keys: try store.deviceKeys().publicKeys, serverKey: device.serverKey,
                                    complete: { $0 == device.id }, ownDevice: device.id)
        if let damage = try store.firstDamagedEvent(of: device.id, from: 1, through: try store.highestCseq(of: device.id)),
           !audit.problems.contains(where: { $0.device == damage.device && $0.cseq == damage.cseq }) {
            audit.problems.append(damage)
        }
        audit.fileProblems = try store.fileProblems()
        return audit
    }

    /// What is waiting, when the device last synced, and (if `probe`) whether the server answers.
    public func status(probe: Bool) throws -> Status {
        let device = try requireDevice()
        let state = try store.syncState()
        let user = try profile()
        let pending = try store.pendingCount(device: device.id)
        var status = Status(device: device, user: user, scopeName: try user.flatMap { try store.nodeName(of: $0.scope) },
                            pending: pending, attachmentsWaiting: try store.attachmentsAwaitingUpload().count,
                            quarantined: try store.quarantined().count, sync: state,
                            eventCount: try store.count(), reachability: nil,
                            looksDamaged: pending != max(Int(try store.highestCseq(of: device.id) - state.acknowledgedCseq), 0))
        if probe, device.server != nil, !device.isEnrolled {
            status.reachability = .unreachable(.notEnrolled)
        } else if probe, let server = device.server {
            let endpoint = try parseServer(server)
            let key = try deviceKey()
            let channel = try syncChannel(to: endpoint)
            do throws(SyncError) {
                let report = try SyncClient.run(store: store, key: key, server: endpoint, security: channel,
                                                purpose: .handshake, connectTimeout: 2_000, idleTimeout: 3_000)
                status.reachability = .reachable(epoch: report.serverEpoch)
            } catch {
                status.reachability = .unreachable(error)
            }
        }
        return status
    }

    /// Pushes this device's unacknowledged events and photos, and pulls everything new from the server.
    /// - Parameter pushOnly: push this device's records and photos and pull nothing (the last
    ///   sync's time, which says how current the views are, stays as it was).
    public func sync(server override: String? = nil, pushOnly: Bool = false, now: @escaping () -> Timestamp = Timestamp.now,
                     onProgress: ((SyncProgress) -> Void)? = nil) throws -> SyncReport {
        let device = try requireEnrolledDevice()
        guard let server = override ?? device.server else { throw FieldError.noServer }
        let endpoint = try parseServer(server)
        let report = try SyncClient.run(store: store, key: try deviceKey(), server: endpoint, security: try syncChannel(to: endpoint),
                                        purpose: pushOnly ? .push : .sync,
                                        onProgress: onProgress)
        if pushOnly { return report }
        try store.noteSyncCompleted(at: now())
        return report
    }

    /// Syncs whenever there is something to sync, until SIGINT or SIGTERM: retries an unreachable
    /// server with backoff, then stays connected for live updates both ways.
    public func watch(server override: String? = nil, backoff: Backoff = Backoff(),
                      report: @escaping (SyncClient.WatchEvent) -> Void) throws {
        let device = try requireEnrolledDevice()
        guard let server = override ?? device.server else { throw FieldError.noServer }
        let endpoint = try parseServer(server)
        try SyncClient.watch(store: store, key: try deviceKey(), server: endpoint, security: try syncChannel(to: endpoint), backoff: backoff) { [store] event in
            if case .caughtUp = event { try? store.noteSyncCompleted(at: .now()) }
            report(event)
        }
    }

    func requireDevice() throws -> LocalDevice {
        guard let device = try store.localDevice() else { throw FieldError.notSetUp }
        return device
    }

    func requireEnrolledDevice() throws -> LocalDevice {
        let device = try requireDevice()
        guard device.isEnrolled else { throw FieldError.notEnrolled }
        return device
    }

    /// The device's private key, from the key file next to the store.
    func deviceKey() throws -> DeviceKey {
        try KeyFile.read(KeyFile.path(forStore: store.path))
    }

    func parseServer(_ text: String) throws -> Endpoint {
        do { return try Endpoint(parsing: text) } catch { throw FieldError.badServerAddress(text) }
    }
}

extension FieldClient {
    /// Mends the store at `path` (``EventStore/repair(at:now:)``) unless it is sound; `nil` when it
    /// was sound and nothing was done.
    public static func repair(databasePath path: String, now: Timestamp) throws -> RepairReport? {
        if let store = try? EventStore(path: path), let device = try? store.localDevice(), (try? store.isSound(device: device.id)) == true {
            return nil
        }
        return try EventStore.repair(at: path, now: now)
    }
}

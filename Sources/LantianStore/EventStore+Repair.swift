import Foundation
import GRDB
import LantianDomain

/// What repairing a damaged device store did.
public struct RepairReport: Hashable, Sendable {
    /// Where the damaged file was moved (kept, never deleted: it is evidence).
    public var damagedCopy: String
    /// Events kept as they were.
    public var kept = 0
    /// Other devices' events that could not be read or did not check out: the next sync pulls them again.
    public var dropped = 0
    /// This device's events the server already holds that were damaged here: the next sync pulls them back.
    public var restoredFromServer = 0
    /// This device's intact events not yet on the server, recorded again under a new device id at the next sync.
    public var setAside = 0
    /// This device's events damaged before they reached the server: kept in quarantine with the reason.
    public var lost: [ChainProblem] = []
    /// Rows of the store's other tables (signatures, digests, photos…) that could not be read.
    public var unreadableRows = 0
    /// The device id the store carries on under, when its own chain could not continue.
    public var newDevice: UUID?
}

/// Salvaging a damaged device store: every intact event is kept, the damaged are set aside with
/// the reason, and the device carries on (under a new device id where its own chain cannot).
extension EventStore {
    /// Repairs the device store at `path` into a new file at the same path: the damaged file is
    /// moved aside, every row that can still be read and checks out is copied, and the pull cursor
    /// starts again from zero, so the next sync brings back from the server whatever was lost here
    /// that the server holds. This device's own events not yet on the server go on under a new
    /// device id (the rollback path of PROTOCOL.md, *Restored devices*) when one of them is damaged,
    /// because the events after it carry the hash of what was there before.
    ///
    /// - Throws: ``StoreError/damaged(_:)`` when not even the device's identity can be read: the
    ///   device must be enrolled again with a new store.
    public static func repair(at path: String, now: Timestamp) throws -> RepairReport {
        let salvage = try Salvage(path: path)
        let stamp = BeijingTime.iso8601(now).prefix(19).replacingOccurrences(of: ":", with: "")
        let damagedCopy = "\(path).damaged-\(stamp)"
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
            try FileManager.default.moveItem(atPath: path + suffix, toPath: damagedCopy + suffix)
        }
        var report = RepairReport(damagedCopy: damagedCopy, unreadableRows: salvage.unreadableRows)
        let store = try EventStore(path: path)
        try store.write { db in try salvage.restore(into: db, report: &report, now: now) }
        return report
    }

    /// Whether the store looks sound: SQLite's check of the file, every row of its events readable,
    /// and this device's own chain as recorded.
    public func isSound(device: UUID) throws -> Bool {
        guard try fileProblems().isEmpty else { return false }
        _ = try allEvents()
        return try firstDamagedEvent(of: device, from: 1, through: highestCseq(of: device)) == nil
    }
}

/// Everything that can still be read of a damaged store, read row by row.
private struct Salvage {
    var device: LocalDevice
    var sync: SyncState
    var events: [Event] = []
    var unreadableEvents = 0
    var recordedHashes: [Int64: Data] = [:]
    var signatures: [ChainSignature] = []
    var digests: [Row] = []
    var quarantine: [Row] = []
    var setAside: [Row] = []
    var attachments: [(digest: Data, size: Int64, chunks: [(offset: Int64, bytes: Data)])] = []
    var unreadableRows = 0

    init(path: String) throws {
        let database: DatabaseQueue
        do {
            database = try DatabaseQueue(path: path)
        } catch {
            throw StoreError.damaged("it cannot be opened at all (\(error)): enrol this device again with a new store (--db NEW-FILE)")
        }
        let read = { (sql: String) -> [Row] in (try? database.read { db in try Row.fetchAll(db, sql: sql) }) ?? [] }
        guard let identity = read("SELECT * FROM local_device").first,
              let id: UUID = try? identity.decode(forColumn: "id"), let actor: String = try? identity.decode(forColumn: "actor") else {
            throw StoreError.damaged("even this device's identity cannot be read: enrol this device again with a new store (--db NEW-FILE)")
        }
        device = LocalDevice(id: id, actor: actor, server: try? identity.decode(forColumn: "server"),
                             credential: try? identity.decode(forColumn: "credential"), serverDevice: try? identity.decode(forColumn: "serverDevice"),
                             serverKey: try? identity.decode(forColumn: "serverKey"))
        device.serverTLSKey = try? identity.decode(forColumn: "serverTLSKey")
        device.serverNextTLSKey = try? identity.decode(forColumn: "serverNextTLSKey")
        device.certificateAuthorities = try? identity.decode(forColumn: "certificateAuthorities")
        let state = read("SELECT serverEpoch, acknowledgedCseq, lastSyncAt FROM sync_state").first
        sync = SyncState(serverEpoch: state.flatMap { try? $0.decode(forColumn: "serverEpoch") }, cursor: 0, cursorEvent: nil,
                         acknowledgedCseq: state.flatMap { try? $0.decode(forColumn: "acknowledgedCseq") } ?? 0,
                         lastSyncAt: state.flatMap { try? $0.decode(forColumn: "lastSyncAt") as Int64? }.map(Timestamp.init(millisecondsSince1970:)))

        // Event by event, so that a damaged page costs only the rows on it.
        let last: Int64 = read("SELECT MAX(position) FROM event").first.flatMap { try? $0.decode(atIndex: 0) } ?? 0
        for position in stride(from: Int64(1), through: last, by: 1) {
            do {
                guard let row = try database.read({ db in
                    try Row.fetchOne(db, sql: "SELECT \(Event.columns) FROM event WHERE position = ?", arguments: [position])
                }) else { continue }  // never stored, or moved aside
                events.append(try Event(row: row))
            } catch {
                unreadableEvents += 1
            }
        }
        for row in read("SELECT cseq, hash FROM recorded_hash WHERE device = x'\(id.bytes.map { String(format: "%02x", $0) }.joined())'") {
            if let cseq: Int64 = try? row.decode(forColumn: "cseq"), let hash: Data = try? row.decode(forColumn: "hash") { recordedHashes[cseq] = hash }
        }
        for row in read("SELECT device, cseq, signature FROM chain_signature") {
            guard let device: UUID = try? row.decode(forColumn: "device"), let cseq: Int64 = try? row.decode(forColumn: "cseq"),
                  let signature: Data = try? row.decode(forColumn: "signature") else { unreadableRows += 1; continue }
            signatures.append(ChainSignature(device: device, cseq: cseq, signature: signature))
        }
        digests = read("SELECT device, cseq, digest, hash FROM chain_digest")
        quarantine = read("SELECT device, cseq, id, type, reason, at, payload FROM quarantine")
        setAside = read("SELECT \(Event.columns) FROM set_aside")
        for row in read("SELECT digest, size, received FROM attachment") {
            guard let digest: Data = try? row.decode(forColumn: "digest"), let size: Int64 = try? row.decode(forColumn: "size"),
                  let received: Int64 = try? row.decode(forColumn: "received"), received == size else { unreadableRows += 1; continue }
            let chunks = (try? database.read { db in
                try Row.fetchAll(db, sql: "SELECT offset, bytes FROM attachment_chunk WHERE digest = ? ORDER BY offset", arguments: [digest])
                    .map { (offset: try $0.decode(forColumn: "offset") as Int64, bytes: try $0.decode(forColumn: "bytes") as Data) }
            }) ?? []
            var hasher = ContentDigest.Hasher()
            for chunk in chunks { hasher.update(chunk.bytes) }
            guard hasher.finalize().bytes == Array(digest), chunks.reduce(0, { $0 + Int64($1.bytes.count) }) == size else { unreadableRows += 1; continue }
            attachments.append((digest, size, chunks))
        }
    }

    /// Writes what checks out into the new store's database `db`, and says what became of the rest.
    func restore(into db: Database, report: inout RepairReport, now: Timestamp) throws {
        let own = events.filter { $0.device == device.id }.sorted { $0.cseq < $1.cseq }
        var others = events.filter { $0.device != device.id }
        report.dropped = unreadableEvents

        // Others' events: kept where their chains and the signatures held check out; the rest is pulled again.
        let keys = DeviceKeys.fold(others).publicKeys
        var failing: Set<UUID> = []
        for (device, held) in Dictionary(grouping: others, by: \.device) {
            let audit = ChainAudit.check(device: device, held.map(ChainAudit.Entry.event), signatures: signatures.filter { $0.device == device },
                                         key: keys[device] ?? self.device.serverKey, complete: false)
            failing.formUnion(audit.problems.compactMap(\.event))
        }
        report.dropped += others.filter { failing.contains($0.id) }.count
        others.removeAll { failing.contains($0.id) }

        // This device's own: each checked against the hash it was recorded with and the link before it.
        var intact: [Event] = [], damaged: [(cseq: Int64, event: Event?, damage: ChainDamage)] = []
        var running = EventChain.genesis
        let byCseq = Dictionary(own.map { ($0.cseq, $0) }) { first, _ in first }
        let highest = max(own.last?.cseq ?? 0, sync.acknowledgedCseq, recordedHashes.keys.max() ?? 0)
        for cseq in stride(from: Int64(1), through: highest, by: 1) {
            let expected = recordedHashes[cseq]
            guard let event = byCseq[cseq] else {
                damaged.append((cseq, nil, .missing))
                running = expected ?? running
                continue
            }
            let hash = EventChain.hash(of: event)
            if let expected, hash != expected {
                damaged.append((cseq, event, .changed))
            } else if event.previous != running {
                damaged.append((cseq, event, .unlinked))
            } else {
                intact.append(event)
            }
            running = expected ?? hash
        }
        let acknowledged = sync.acknowledgedCseq
        report.restoredFromServer = damaged.filter { $0.cseq <= acknowledged }.count
        let lostHere = damaged.filter { $0.cseq > acknowledged }
        var carryOn = device
        if !lostHere.isEmpty {
            // The chain cannot go on past a damaged event the server never had: what follows is
            // recorded again under a new device id, with the same key.
            carryOn.id = UUID()
            carryOn.credential = device.credential ?? device.id
        }
        let kept = lostHere.isEmpty ? intact : intact.filter { $0.cseq <= acknowledged }
        let moved = lostHere.isEmpty ? [] : intact.filter { $0.cseq > acknowledged }

        try db.execute(sql: """
            INSERT INTO local_device (singleton, id, actor, server, credential, serverDevice, serverKey, serverTLSKey, serverNextTLSKey, certificateAuthorities)
            VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [carryOn.id, carryOn.actor, carryOn.server, carryOn.credential, carryOn.serverDevice, carryOn.serverKey,
                             carryOn.serverTLSKey, carryOn.serverNextTLSKey, carryOn.certificateAuthorities])
        try db.execute(sql: "UPDATE sync_state SET serverEpoch = ?, cursor = 0, cursorEvent = NULL, acknowledgedCseq = ?, lastSyncAt = ?",
                       arguments: [sync.serverEpoch, lostHere.isEmpty ? acknowledged : 0, sync.lastSyncAt?.millisecondsSince1970])
        for event in kept + others {
            try event.insert(into: db)
            if event.device == device.id, let hash = recordedHashes[event.cseq] { try EventStore.noteRecordedHash(db, event, hash: hash) }
        }
        report.kept = kept.count + others.count
        for event in moved {
            try event.setAside(in: db)
        }
        report.setAside = moved.count
        for entry in lostHere {
            let problem = ChainProblem(device: device.id, cseq: entry.cseq, event: entry.event?.id, reason: entry.damage.phrase)
            report.lost.append(problem)
            try db.execute(sql: """
                INSERT INTO quarantine (device, cseq, id, type, reason, at, payload) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, arguments: [device.id, entry.cseq, entry.event?.id ?? UUID(), entry.event?.type.rawValue ?? "",
                                 Refusal.damagedHere(detail: entry.damage.rawValue).wire, now.millisecondsSince1970, entry.event?.payload])
        }
        report.newDevice = lostHere.isEmpty ? nil : carryOn.id
        for signature in signatures { try EventStore.storeSignature(db, signature) }
        for row in digests {
            guard let device: UUID = try? row.decode(forColumn: "device"), let cseq: Int64 = try? row.decode(forColumn: "cseq"),
                  let digest: Data = try? row.decode(forColumn: "digest"), digest.count == 32 else { report.unreadableRows += 1; continue }
            try EventStore.storeDigest(db, device: device, cseq: cseq, digest: digest, hash: try? row.decode(forColumn: "hash"))
        }
        for row in quarantine {
            try? db.execute(sql: """
                INSERT INTO quarantine (device, cseq, id, type, reason, at, payload) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """, arguments: StatementArguments(Array(row.databaseValues)))
        }
        for row in setAside {
            guard let event = try? Event(row: row) else { report.unreadableRows += 1; continue }
            try event.setAside(in: db)
        }
        for attachment in attachments {
            try db.execute(sql: "INSERT INTO attachment (digest, size, received) VALUES (?, ?, ?)", arguments: [attachment.digest, attachment.size, attachment.size])
            for chunk in attachment.chunks {
                try db.execute(sql: "INSERT INTO attachment_chunk (digest, offset, bytes) VALUES (?, ?, ?)", arguments: [attachment.digest, chunk.offset, chunk.bytes])
            }
        }
    }
}

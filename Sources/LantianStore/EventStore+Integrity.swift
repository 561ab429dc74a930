import Foundation
import GRDB
import LantianDomain

/// Each device's hash chain and the signatures over it, as this store holds them.
extension EventStore {
    /// The highest sequence number of `device`'s chain this store holds (event or digest) and the
    /// hash there: what the device's next event must carry. `(0, genesis)` for none.
    public func chainEnd(of device: UUID) throws -> (cseq: Int64, hash: Data) {
        try read { db in try Self.chainEnd(db, device: device) }
    }

    static func chainEnd(_ db: Database, device: UUID) throws -> (cseq: Int64, hash: Data) {
        let event = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Event.columns) FROM event WHERE device = ? ORDER BY cseq DESC LIMIT 1"),
                                     arguments: [device]).map(Event.init(row:))
        let digest = try Row.fetchOne(db.cachedStatement(sql: "SELECT cseq, hash FROM chain_digest WHERE device = ? AND hash IS NOT NULL ORDER BY cseq DESC LIMIT 1"),
                                      arguments: [device])
        if let digest, (try digest.decode(forColumn: "cseq") as Int64) > event?.cseq ?? 0 { return (try digest.decode(forColumn: "cseq"), try digest.decode(forColumn: "hash")) }
        if let event { return (event.cseq, EventChain.hash(of: event)) }
        return (0, EventChain.genesis)
    }

    /// The hash of `device`'s event `cseq` as this store holds it (`genesis` for 0), or `nil` if it holds neither it nor its hash.
    static func chainHash(_ db: Database, device: UUID, at cseq: Int64) throws -> Data? {
        guard cseq > 0 else { return EventChain.genesis }
        if let event = try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Event.columns) FROM event WHERE device = ? AND cseq = ?"),
                                        arguments: [device, cseq]).map(Event.init(row:)) {
            return EventChain.hash(of: event)
        }
        return try Data.fetchOne(db.cachedStatement(sql: "SELECT hash FROM chain_digest WHERE device = ? AND cseq = ?"), arguments: [device, cseq])
    }

    /// The signature this store holds over `device`'s chain at `cseq`, if any.
    public func signature(of device: UUID, at cseq: Int64) throws -> ChainSignature? {
        try read { db in
            try Data.fetchOne(db, sql: "SELECT signature FROM chain_signature WHERE device = ? AND cseq = ?", arguments: [device, cseq])
                .map { ChainSignature(device: device, cseq: cseq, signature: $0) }
        }
    }

    /// Keeps a signature over a device's chain (once; a copy is ignored).
    public func keep(_ signature: ChainSignature) throws {
        try write { db in try Self.storeSignature(db, signature) }
    }

    static func storeSignature(_ db: Database, _ signature: ChainSignature) throws {
        try db.cachedStatement(sql: "INSERT INTO chain_signature (device, cseq, signature) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
            .execute(arguments: [signature.device, signature.cseq, signature.signature])
    }

    /// Keeps the body digest (and hash, if known) of an event of `device`'s chain this store does not hold.
    static func storeDigest(_ db: Database, device: UUID, cseq: Int64, digest: Data, hash: Data?) throws {
        try db.cachedStatement(sql: "INSERT INTO chain_digest (device, cseq, digest, hash) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
            .execute(arguments: [device, cseq, digest, hash])
    }

    /// Re-checks every device's chain and signature in this store.
    ///
    /// - Parameters:
    ///   - keys: each device's public key (from its enrolment); a device without one is checked with
    ///     `serverKey` (the server's own device, under a new id after a restore).
    ///   - complete: the devices whose whole chain this store must hold (on a server, all of them;
    ///     on a device, its own).
    ///   - ownDevice: a device whose last events may be unsigned yet (this device's, not pushed).
    public func audit(keys: [UUID: Data], serverKey: Data?, complete: (UUID) -> Bool, ownDevice: UUID?) throws -> StoreAudit {
        try read { db in
            var audit = StoreAudit()
            let devices = try UUID.fetchAll(db, sql: "SELECT device FROM event UNION SELECT device FROM chain_digest UNION SELECT device FROM chain_signature")
            for device in devices {
                var entries = try Row.fetchAll(db, sql: "SELECT \(Event.columns) FROM event WHERE device = ?", arguments: [device])
                    .map { ChainAudit.Entry.event(try Event(row: $0)) }
                entries += try Row.fetchAll(db, sql: """
                    SELECT d.cseq, d.digest, q.id FROM chain_digest d LEFT JOIN quarantine q ON q.device = d.device AND q.cseq = d.cseq
                    WHERE d.device = ? AND NOT EXISTS (SELECT 1 FROM event e WHERE e.device = d.device AND e.cseq = d.cseq)
                    """, arguments: [device]).map { .digest(cseq: try $0.decode(forColumn: "cseq"), id: try $0.decode(forColumn: "id"), bodyDigest: try $0.decode(forColumn: "digest")) }
                let signatures = try Row.fetchAll(db, sql: "SELECT cseq, signature FROM chain_signature WHERE device = ?", arguments: [device])
                    .map { ChainSignature(device: device, cseq: try $0.decode(forColumn: "cseq"), signature: try $0.decode(forColumn: "signature")) }
                let result = ChainAudit.check(device: device, entries, signatures: signatures, key: keys[device] ?? serverKey,
                                              complete: complete(device), mayEndUnsigned: device == ownDevice)
                audit.devices += 1
                audit.events += result.eventsChecked
                audit.signatures += result.signaturesChecked
                audit.unsigned += result.unsigned
                audit.problems += result.problems
            }
            return audit
        }
    }
}

/// What re-checking a whole store found.
public struct StoreAudit: Hashable, Sendable {
    public var devices = 0
    public var events = 0
    public var signatures = 0
    /// This device's events not pushed yet: they are signed when they are.
    public var unsigned = 0
    public var problems: [ChainProblem] = []
    /// What SQLite's own check of the file found, when it was asked.
    public var fileProblems: [String] = []

    public var isIntact: Bool { problems.isEmpty && fileProblems.isEmpty }

    public init() {}
}

extension EventStore {
    /// What SQLite's own check of the file finds (`PRAGMA quick_check`): empty when the file is sound.
    public func fileProblems() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA quick_check").filter { $0 != "ok" } }
    }
}

/// This device's own events, checked against the hash each had when it was recorded: what is
/// signed and pushed is exactly what was recorded.
extension EventStore {
    static func noteRecordedHash(_ db: Database, _ event: Event, hash: Data) throws {
        try db.cachedStatement(sql: "INSERT INTO recorded_hash (device, cseq, hash) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
            .execute(arguments: [event.device, event.cseq, hash])
    }

    /// The first of `device`'s events from `first` through `last` that is not as it was recorded:
    /// it no longer hashes to what it hashed to then, or does not carry the hash of the event
    /// before it, or is missing. `nil` when all are intact. Rows that cannot be read at all throw.
    public func firstDamagedEvent(of device: UUID, from first: Int64, through last: Int64) throws -> ChainProblem? {
        guard first <= last else { return nil }
        return try read { db in
            let recorded = Dictionary(try Row.fetchAll(db, sql: "SELECT cseq, hash FROM recorded_hash WHERE device = ? AND cseq BETWEEN ? AND ?",
                                                       arguments: [device, first - 1, last]).map { (try $0.decode(forColumn: "cseq") as Int64, try $0.decode(forColumn: "hash") as Data) }) { first, _ in first }
            var events: [Int64: Event] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT \(Event.columns) FROM event WHERE device = ? AND cseq BETWEEN ? AND ?",
                                        arguments: [device, first - 1, last]) {
                let event = try Event(row: row)
                events[event.cseq] = event
            }
            // The event before: as recorded if its hash was noted, else as stored.
            var running: Data? = first == 1 ? EventChain.genesis : recorded[first - 1] ?? events[first - 1].map(EventChain.hash(of:))
            for cseq in first...last {
                guard let event = events[cseq] else {
                    return ChainProblem(device: device, cseq: cseq, event: nil, reason: ChainDamage.missing.phrase)
                }
                let hash = EventChain.hash(of: event)
                if let expected = recorded[cseq], expected != hash {
                    return ChainProblem(device: device, cseq: cseq, event: event.id, reason: ChainDamage.changed.phrase)
                }
                if let running, event.previous != running {
                    return ChainProblem(device: device, cseq: cseq, event: event.id, reason: ChainDamage.unlinked.phrase)
                }
                running = hash
            }
            return nil
        }
    }
}

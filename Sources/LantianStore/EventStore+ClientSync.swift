import Foundation
import GRDB
import LantianDomain
import LantianWire

/// What storing a pulled page did.
public struct PulledPage: Hashable, Sendable {
    /// Events stored that this store did not hold.
    public var stored = 0
    /// Events this store's rules refused, now in its quarantine list.
    public var refused = 0
}

extension EventStore {
    public func syncState() throws -> SyncState {
        try read { db in try Self.syncState(db) }
    }

    /// How many of `device`'s events the server has not acknowledged, as far as this store knows.
    public func pendingCount(device: UUID) throws -> Int {
        try read { db in
            let acknowledged = try Self.syncState(db).acknowledgedCseq
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event WHERE device = ? AND cseq > ?",
                                    arguments: [device, acknowledged]) ?? 0
        }
    }

    /// `device`'s events after sequence number `cseq`, in sequence order.
    public func events(of device: UUID, after cseq: Int64, limit: Int) throws -> [Event] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Event.columns) FROM event WHERE device = ? AND cseq > ? ORDER BY cseq LIMIT ?
                """, arguments: [device, cseq, limit]).map(Event.init(row:))
        }
    }

    /// Notes what the server said on connecting. A server with another epoch than last time was
    /// replaced, and one that no longer holds the event at our cursor was restored from an older
    /// backup: either way the cursor goes back to zero so everything is pulled again (duplicates are
    /// skipped). The server's acknowledgement replaces ours, so anything it lost is pushed again.
    public func noteServer(_ welcome: Welcome) throws {
        try write { db in
            let state = try Self.syncState(db)
            let resume = state.serverEpoch == welcome.epoch && welcome.cursorKnown
            try db.execute(sql: "UPDATE sync_state SET serverEpoch = ?, cursor = ?, cursorEvent = ?, acknowledgedCseq = ?",
                           arguments: [welcome.epoch, resume ? state.cursor : 0, resume ? state.cursorEvent : nil,
                                       welcome.acknowledgedCseq])
            if !resume, state.serverEpoch != nil { try db.execute(sql: "UPDATE sync_state SET returnPending = 1") }
        }
    }

    /// Whether the server turned out to be restored or replaced since this store last returned
    /// other devices' events to it: it may lack some this store holds.
    public func returnPending() throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT returnPending FROM sync_state") ?? false }
    }

    /// Notes that everything this store could return to its server has been offered.
    public func noteReturnsDone() throws {
        try write { db in try db.execute(sql: "UPDATE sync_state SET returnPending = 0") }
    }

    /// Every device other than `own` whose events this store holds.
    public func devicesHeld(excluding own: UUID) throws -> [UUID] {
        try read { db in try UUID.fetchAll(db, sql: "SELECT DISTINCT device FROM event WHERE device != ? ORDER BY device", arguments: [own]) }
    }

    /// What this store can return of `device`'s chain after sequence number `after`: its events
    /// from `after + 1` on, with no gap, up to the furthest head it holds a signature over, at most
    /// `limit` of them and as many as fit in `maxBytes`. `nil` when it can return none.
    public func returnable(of device: UUID, after: Int64, limit: Int, maxBytes: Int) throws -> Return? {
        try read { db in
            let heads = try Row.fetchAll(db, sql: """
                SELECT cseq, signature FROM chain_signature WHERE device = ? AND cseq > ? AND cseq <= ? ORDER BY cseq DESC
                """, arguments: [device, after, after + Int64(limit)]).map {
                    (cseq: try $0.decode(forColumn: "cseq") as Int64, signature: try $0.decode(forColumn: "signature") as Data)
                }
            guard let furthest = heads.first else { return nil }
            var events: [Event] = []
            var bytes = 0
            for row in try Row.fetchAll(db, sql: "SELECT \(Event.columns) FROM event WHERE device = ? AND cseq > ? AND cseq <= ? ORDER BY cseq",
                                        arguments: [device, after, furthest.cseq]) {
                let event = try Event(row: row)
                bytes += MessageCodec.encodedBytes(of: event)
                guard event.cseq == after + Int64(events.count) + 1, bytes <= maxBytes else { break }
                events.append(event)
            }
            // The furthest signed head the unbroken run reaches.
            guard let head = heads.first(where: { $0.cseq <= after + Int64(events.count) }) else { return nil }
            return Return(device: device, events: Array(events.prefix(Int(head.cseq - after))), signature: head.signature)
        }
    }

    /// Notes the server's refusals of this device's events: they join the quarantine list, with
    /// why, and leave the views (``notRefused``), whose tables are refreshed as if they were removed.
    public func noteRejected(_ rejections: [Rejection], device: UUID, at time: Timestamp) throws {
        guard !rejections.isEmpty else { return }
        try write { db in
            for rejection in rejections {
                guard let event = try Row.fetchOne(db, sql: "SELECT \(Event.columns) FROM event WHERE id = ?", arguments: [rejection.id])
                    .map(Event.init(row:)), event.device == device else { continue }
                try Self.quarantine(db, event, reason: rejection.reason, at: time, keepingPayload: false)
                if readModels != nil {
                    try db.execute(sql: "INSERT INTO touched_event VALUES (?, ?, ?, 0)", arguments: [event.subject, event.type.rawValue, event.id])
                }
            }
        }
    }

    /// How many of this device's own records the server refused (held in its chain and quarantined).
    public func refusedCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM quarantine q JOIN event e ON e.id = q.id") ?? 0 }
    }

    /// This device's own records the server refused, by the subject each was about: what a view
    /// says when asked for one of them.
    public func refusedRecords() throws -> [(subject: UUID, type: EventType, reason: String)] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT e.subject, e.type, q.reason FROM quarantine q JOIN event e ON e.id = q.id ORDER BY q.at").map {
                (try $0.decode(atIndex: 0), EventType(rawValue: try $0.decode(atIndex: 1)), try $0.decode(atIndex: 2))
            }
        }
    }

    /// Notes that the server has committed this device's events up to `cseq`.
    public func noteAcknowledged(through cseq: Int64) throws {
        try write { db in
            try db.execute(sql: "UPDATE sync_state SET acknowledgedCseq = MAX(acknowledgedCseq, ?)", arguments: [cseq])
        }
    }

    /// Stores a pulled page (checked against its proofs first: ``PulledEventVerification``) and
    /// moves the cursor past it, in one transaction; events already stored (this device's own, or a
    /// page received twice) are skipped. The proofs are kept, so the store can be re-checked later.
    ///
    /// Each event is read as its server read it when it arrived (``Admission/read(_:receivedAt:)``
    /// at its `receivedAt`): one this device's rules refuse (accepted by a server before these
    /// rules, say) is not stored but quarantined with its ``Refusal``, its digest kept so its
    /// device's chain still checks out. Nothing a device stores can crash or wedge it.
    ///
    /// A client keeps the server's `receivedAt` but not its `sseq`: global numbers belong to one
    /// server history, and a server restored from a backup hands them out again.
    @discardableResult
    public func storePulled(_ page: Page) throws -> PulledPage {
        try write { db in
            var outcome = PulledPage()
            for accepted in page.events {
                let event = accepted.event
                var refusal: Refusal?
                if case .failure(let reason) = Admission.read(event, receivedAt: accepted.receivedAt) { refusal = reason }
                if let held = try UUID.fetchOne(db.cachedStatement(sql: "SELECT id FROM event WHERE device = ? AND cseq = ?"),
                                                arguments: [event.device, event.cseq]), held != event.id {
                    refusal = .forked(device: event.device, cseq: event.cseq, held: held)
                }
                if let refusal {
                    guard try !Self.idIsTaken(db, event.id) else { continue }
                    try Self.quarantine(db, event, reason: refusal.wire, at: accepted.receivedAt, keepingPayload: true)
                    outcome.refused += db.changesCount
                    try Self.storeDigest(db, device: event.device, cseq: event.cseq, digest: EventChain.bodyDigest(of: event), hash: nil)
                } else if try event.insertUnlessPresent(into: db, receivedAt: accepted.receivedAt) {
                    outcome.stored += 1
                    try Self.noteScopeChange(db, event)
                }
            }
            for proof in page.proofs {
                try Self.storeSignature(db, proof.signature)
                for (cseq, digest) in proof.digests {
                    try Self.storeDigest(db, device: proof.signature.device, cseq: cseq, digest: digest, hash: nil)
                }
            }
            if let last = page.events.last {
                try db.execute(sql: "UPDATE sync_state SET cursor = ?, cursorEvent = ? WHERE cursor < ?",
                               arguments: [last.sseq, last.event.id, last.sseq])
            }
            return outcome
        }
    }

    /// Notes, as it is stored for the first time, whether `event` registers this device's user anew
    /// with another scope than they had (the read models still hold the registrations before this
    /// transaction): the events the new scope sees before it are then pulled again from the
    /// start (``takeRefetch()``).
    private static func noteScopeChange(_ db: Database, _ event: Event) throws {
        guard event.type == UserRegistered.eventType, let user = try? PayloadCodec.decode(UserRegistered.self, from: event),
              user.name == (try String.fetchOne(db, sql: "SELECT actor FROM local_device")),
              let scope = try String.fetchOne(db, sql: """
                  SELECT scope FROM user_registration WHERE name = ? ORDER BY hlc DESC, device DESC, cseq DESC LIMIT 1
                  """, arguments: [user.name]),
              scope != user.scope else { return }
        try db.execute(sql: "UPDATE sync_state SET refetchPending = 1")
    }

    /// Whether the user's scope changed since the pull began from 0: if so, moves the cursor back
    /// to 0 (a pull from the start follows, skipping what is held) and clears the note.
    public func takeRefetch() throws -> Bool {
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT refetchPending FROM sync_state") == true else { return false }
            try db.execute(sql: "UPDATE sync_state SET refetchPending = 0, cursor = 0, cursorEvent = NULL")
            return true
        }
    }

    /// Notes that a sync finished at `time`.
    public func noteSyncCompleted(at time: Timestamp) throws {
        try write { db in
            try db.execute(sql: "UPDATE sync_state SET lastSyncAt = ?", arguments: [time.millisecondsSince1970])
        }
    }

    private static func syncState(_ db: Database) throws -> SyncState {
        guard let row = try Row.fetchOne(db, sql: "SELECT serverEpoch, cursor, cursorEvent, acknowledgedCseq, lastSyncAt FROM sync_state") else {
            throw StoreError.damaged("its sync state is missing")
        }
        return SyncState(
            serverEpoch: try row.decode(forColumn: "serverEpoch"), cursor: try row.decode(forColumn: "cursor"), cursorEvent: try row.decode(forColumn: "cursorEvent"),
            acknowledgedCseq: try row.decode(forColumn: "acknowledgedCseq"),
            lastSyncAt: (try row.decode(forColumn: "lastSyncAt") as Int64?).map(Timestamp.init(millisecondsSince1970:)))
    }
}

import Foundation
import GRDB
import LantianDomain
import LantianWire

extension EventStore {
    /// Whether this store holds every event of `device` from its first through `cseq` (a damaged
    /// store repaired, or an older copy, may lack some).
    public func holdsWholeChain(of device: UUID, through cseq: Int64) throws -> Bool {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM event WHERE device = ? AND cseq <= ?", arguments: [device, cseq]) == cseq
        }
    }

    /// The highest sequence number of `device` that this store holds (0 for none): on the server, what
    /// it has acknowledged; on the device itself, the last it recorded.
    public func highestCseq(of device: UUID) throws -> Int64 {
        try read { db in try Self.highestCseq(db, device: device) }
    }

    /// The id of `device`'s event with sequence number `cseq`, stored or quarantined, if this store holds it.
    public func eventID(of device: UUID, at cseq: Int64) throws -> UUID? {
        try read { db in
            try UUID.fetchOne(db, sql: """
                SELECT id FROM event WHERE device = ?1 AND cseq = ?2 UNION ALL SELECT id FROM quarantine WHERE device = ?1 AND cseq = ?2
                """, arguments: [device, cseq])
        }
    }

    /// The highest global sequence number assigned (0 for none).
    public func head() throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT MAX(sseq) FROM event") ?? 0 }
    }

    /// Whether the event with `id` is the one this server numbered `sseq`: a client's cursor is
    /// still good here. Cursor 0 always is.
    public func holds(_ id: UUID?, at sseq: Int64) throws -> Bool {
        guard sseq > 0 else { return true }
        guard let id else { return false }
        return try read { db in
            try UUID.fetchOne(db, sql: "SELECT id FROM event WHERE sseq = ?", arguments: [sseq]) == id
        }
    }

    /// Accepts a batch pushed by `device` in one transaction, giving each new event the next global
    /// sequence number. First the batch must carry the device's hash chain on from what is stored,
    /// and its signature over the last event must verify with the device's key. Events already
    /// stored byte for byte are skipped, so a resend stores nothing twice. An event that
    /// ``Admission`` refuses is quarantined with its ``Refusal`` instead of stored, and the
    /// device's sequence moves past it: one bad event never blocks the rest.
    ///
    /// - Throws: ``PushRefusal`` for a gap, a conflict, a foreign event, a broken chain or a bad
    ///   signature; the batch is then not stored.
    public func accept(_ push: Push, from device: UUID, checking check: PushCheck, receivedAt: Timestamp) throws -> PushOutcome {
        try acceptChain(of: device, push.events, signature: push.headSignature, publicKey: check.verifiesChain ? check.publicKey : nil,
                        receivedAt: receivedAt) { db, event in
            try Self.admit(db, event, checking: check, receivedAt: receivedAt).map(EventPlacement.verdict)
        }
    }

    /// Accepts events of another device that a client returns to this server (restored from a
    /// backup, it lost them; PROTOCOL.md, *Returns*), exactly as ``accept(_:from:checking:receivedAt:)``
    /// accepts a push, the chain checked with the device's enrolled key. The server's own devices'
    /// events are taken back as the server's records (their payloads checked); any other device's
    /// are admitted as if its user pushed them, and quarantined if they are not.
    public func acceptReturned(_ returned: Return, checking check: ReturnCheck, receivedAt: Timestamp) throws -> PushOutcome {
        guard let enrolment = check.keys[returned.device]?.enrolment else {
            throw PushRefusal.badSignature(cseq: returned.events.last?.cseq ?? 0)
        }
        let isServer = enrolment.publicKey == check.serverKey
        let user = check.directory.users[enrolment.user]
        return try acceptChain(of: returned.device, returned.events, signature: returned.events.last.map {
            ChainSignature(device: returned.device, cseq: $0.cseq, signature: returned.signature)
        }, publicKey: enrolment.publicKey, receivedAt: receivedAt) { db, event in
            let reading = Admission.read(event, receivedAt: isServer ? nil : receivedAt)
            if isServer { return reading.map { EventPlacement.serverRecord($0.content) } }
            guard let user else { return .failure(.recordedAsOther(actor: event.actor, user: enrolment.user)) }
            switch reading {
            case .failure(let refusal): return .failure(refusal)
            case .success(let reading):
                return try Admission.decide(reading, of: event, by: user, scope: GridScope(user: user, grid: check.grid), grid: check.grid,
                                            records: { try Self.subjectRecord(db, $0) }).map(EventPlacement.verdict)
            }
        }
    }

    /// Where an admitted event goes in the grid.
    enum EventPlacement {
        /// As ``Admission`` decided for a device's event.
        case verdict(Admission.Verdict)
        /// As the server places its own records.
        case serverRecord((any EventContent)?)
    }

    /// Stores `events` of `device` in one transaction, after what is stored, each as `admit` decides:
    /// the chain must go on from what is stored, and `signature` over the last verify with
    /// `publicKey` (`nil`: not checked, in the benchmark only).
    private func acceptChain(of device: UUID, _ events: [Event], signature: ChainSignature?, publicKey: Data?, receivedAt: Timestamp,
                             admit: (Database, Event) throws -> Result<EventPlacement, Refusal>) throws -> PushOutcome {
        try write { db in
            var expected = try Self.highestCseq(db, device: device) + 1
            guard let first = events.first, let signature else {
                return PushOutcome(acknowledgedCseq: expected - 1, rejected: [])
            }
            if let foreign = events.first(where: { $0.device != device }) {
                throw PushRefusal.foreignDevice(id: foreign.id, device: foreign.device)
            }
            guard first.cseq <= expected else { throw PushRefusal.gap(expected: expected, received: first.cseq) }
            for (event, next) in zip(events, events.dropFirst()) where next.cseq != event.cseq + 1 {
                throw PushRefusal.gap(expected: max(event.cseq + 1, expected), received: next.cseq)
            }
            if let publicKey { try Self.checkChain(db, events, signature: signature, publicKey: publicKey) }
            var nextSseq = (try Int64.fetchOne(db, sql: "SELECT MAX(sseq) FROM event") ?? 0) + 1
            var rejected: [Rejection] = []
            for event in events {
                if event.cseq < expected {
                    if let quarantined = try Row.fetchOne(db, sql: "SELECT id, reason FROM quarantine WHERE device = ? AND cseq = ?",
                                                           arguments: [device, event.cseq]) {
                        guard (try quarantined.decode(forColumn: "id") as UUID) == event.id else { throw PushRefusal.conflict(id: event.id, cseq: event.cseq) }
                        rejected.append(Rejection(cseq: event.cseq, id: event.id, reason: try quarantined.decode(forColumn: "reason")))
                        continue
                    }
                    let stored = try Row.fetchOne(db, sql: "SELECT \(Event.columns) FROM event WHERE device = ? AND cseq = ?",
                                                  arguments: [device, event.cseq]).map(Event.init(row:))
                    guard stored == event else { throw PushRefusal.conflict(id: event.id, cseq: event.cseq) }
                    continue
                }
                guard event.cseq == expected else { throw PushRefusal.gap(expected: expected, received: event.cseq) }
                switch try admit(db, event) {
                case .failure(let refusal):
                    try Self.quarantine(db, event, reason: refusal.wire, at: receivedAt, keepingPayload: true)
                    try Self.storeDigest(db, device: device, cseq: event.cseq, digest: EventChain.bodyDigest(of: event),
                                         hash: EventChain.hash(of: event))
                    rejected.append(Rejection(cseq: event.cseq, id: event.id, reason: refusal.wire))
                case .success(let placement):
                    try event.insert(into: db, sseq: nextSseq, receivedAt: receivedAt)
                    switch placement {
                    case .verdict(let verdict): try Self.place(db, event, sseq: nextSseq, verdict: verdict)
                    case .serverRecord(let content): try Self.placeServerRecord(db, event, content: content, sseq: nextSseq)
                    }
                    nextSseq += 1
                }
                expected += 1
            }
            try Self.storeSignature(db, signature)
            return PushOutcome(acknowledgedCseq: expected - 1, rejected: rejected)
        }
    }

    /// Checks that `events` carry their device's chain on from the stored event before the first,
    /// and that `signature` over the last verifies with `publicKey`.
    private static func checkChain(_ db: Database, _ events: [Event], signature: ChainSignature, publicKey: Data) throws {
        guard var running = try chainHash(db, device: signature.device, at: events[0].cseq - 1) else {
            throw PushRefusal.brokenChain(id: events[0].id, cseq: events[0].cseq)
        }
        for event in events {
            guard event.previous == running else { throw PushRefusal.brokenChain(id: event.id, cseq: event.cseq) }
            running = EventChain.hash(of: event)
        }
        guard signature.isValid(for: running, publicKey: publicKey) else { throw PushRefusal.badSignature(cseq: signature.cseq) }
    }

    static func quarantine(_ db: Database, _ event: Event, reason: String, at time: Timestamp, keepingPayload: Bool) throws {
        try db.execute(sql: """
            INSERT INTO quarantine (device, cseq, id, type, reason, at, payload) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (device, cseq) DO NOTHING
            """, arguments: [event.device, event.cseq, event.id, event.type.rawValue, reason, time.millisecondsSince1970,
                             keepingPayload ? event.payload : nil])
    }

    /// How far this store holds each of `devices`' chains: the highest sequence number stored or quarantined, 0 for none.
    public func heldHeads(of devices: [UUID]) throws -> [ChainHead] {
        try read { db in try devices.map { ChainHead(device: $0, cseq: try Self.highestCseq(db, device: $0)) } }
    }

    /// Events refused for good, oldest first: on a server, every device's; on a device, its own.
    public func quarantined() throws -> [QuarantinedEvent] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT device, cseq, id, type, reason, at FROM quarantine ORDER BY at, device, cseq").map {
                QuarantinedEvent(device: try $0.decode(forColumn: "device"), cseq: try $0.decode(forColumn: "cseq"), id: try $0.decode(forColumn: "id"), type: EventType(rawValue: try $0.decode(forColumn: "type")),
                                 reason: try $0.decode(forColumn: "reason"), at: Timestamp(millisecondsSince1970: try $0.decode(forColumn: "at")))
            }
        }
    }

    /// Accepted events after global sequence `after` in the grid nodes `visible` (`nil`: all), but
    /// for those of the device `leavingOut`, at most `limit` of them and, beyond the first, no more
    /// than fit in `maxBytes` once encoded with the proofs that let the receiver check them against
    /// their devices' signatures. An event lies at its node, and a transfer also where its issue
    /// lay (`event_also`); the user `reader` also sees the records they referred (`subject_reader`).
    /// A transfer into the visible nodes carries, in `sseq` order with the rest, the issue's
    /// earlier events the user could not see until then (PROTOCOL.md, *Pull*).
    public func page(after: Int64, limit: Int, maxBytes: Int, visible: Set<String>? = nil, reader: String? = nil,
                     leavingOut device: UUID? = nil) throws -> Page {
        try page(after: after, limit: limit, maxBytes: maxBytes, visible: visible, reader: reader, leavingOut: device, reading: nil)
    }

    /// ``page(after:limit:maxBytes:visible:reader:leavingOut:)`` read as `reading` says (tests compare
    /// the two; `nil`: as ``Visibility/reading`` chooses).
    func page(after: Int64, limit: Int, maxBytes: Int, visible: Set<String>?, reader: String?,
              leavingOut device: UUID?, reading: Visibility.Reading?) throws -> Page {
        try read { db in
            let head = try Int64.fetchOne(db, sql: "SELECT MAX(sseq) FROM event") ?? 0
            let visibility = try visible.map { try Visibility(nodes: $0, reader: reader) }
            let rows: RowCursor
            if let visibility, (reading ?? visibility.reading) == .mergingNodes {
                let sseqs = visibility.mergedSseqs(after: after, leavingOut: device, limit: limit)
                rows = try Row.fetchCursor(db.cachedStatement(sql: """
                    SELECT \(Event.columns(of: "e")), e.sseq, e.receivedAt
                    FROM (\(sseqs.sql)) v CROSS JOIN event e ON e.sseq = v.sseq ORDER BY e.sseq
                    """), arguments: sseqs.arguments)
            } else {
                var arguments: StatementArguments = [after]
                if let visibility { arguments += visibility.arguments }
                if let device { arguments += [device] }
                arguments += [limit]
                rows = try Row.fetchCursor(db, sql: """
                    SELECT \(Event.columns(of: "e")), e.sseq, e.receivedAt
                    FROM event e LEFT JOIN event_node n ON n.sseq = e.sseq
                    WHERE e.sseq > ? \(visibility == nil ? "" : "AND \(Visibility.predicate)") \(device == nil ? "" : "AND e.device != ?") ORDER BY e.sseq LIMIT ?
                    """, arguments: arguments)
            }
            var events: [AcceptedEvent] = []
            var bytes = 0
            while let row = try rows.next() {
                let accepted = try Self.accepted(row)
                bytes += MessageCodec.encodedBytes(of: accepted)
                if bytes > maxBytes, !events.isEmpty { break }
                events.append(accepted)
            }
            // Proofs can outweigh sparse events (an officer's one event in a supervisor's batch):
            // halve the page until both fit.
            var proofs: [ChainProof]
            while true {
                proofs = try Self.proofs(db, for: events.map(\.event))
                let total = events.reduce(0) { $0 + MessageCodec.encodedBytes(of: $1) } + proofs.reduce(0) { $0 + MessageCodec.encodedBytes(of: $1) }
                if total <= maxBytes || events.count <= 1 { break }
                events.removeLast(events.count / 2)
            }
            if let visibility {
                let carrying = try Self.carryingTransferredHistory(db, events, visibility: visibility)
                if carrying.count > events.count {
                    events = carrying
                    proofs = try Self.proofs(db, for: events.map(\.event))
                }
            }
            return Page(events: events, head: head, proofs: proofs)
        }
    }

    /// `events` with, for each transfer among them that moved an issue to a node the user sees, the
    /// issue's earlier events the user did not see (the new office's history of it), in `sseq` order.
    private static func carryingTransferredHistory(_ db: Database, _ events: [AcceptedEvent], visibility: Visibility) throws -> [AcceptedEvent] {
        let transferred = TicketStep.Kind.transferred.eventType
        let transfers = events.filter { $0.event.type == transferred }
        guard !transfers.isEmpty else { return events }
        var carried: [Int64: AcceptedEvent] = [:]
        for transfer in transfers {
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(Event.columns(of: "e")), e.sseq, e.receivedAt
                FROM event e LEFT JOIN event_node n ON n.sseq = e.sseq
                WHERE e.subject = ? AND e.sseq < ? AND NOT \(Visibility.predicate)
                  AND EXISTS (SELECT 1 FROM event_node t WHERE t.sseq = ? AND t.node IN (SELECT value FROM json_each(?)))
                """, arguments: [transfer.event.subject, transfer.sseq] + visibility.arguments + [transfer.sseq, visibility.nodes])
            for row in rows { let accepted = try accepted(row); carried[accepted.sseq] = accepted }
        }
        for event in events { carried[event.sseq] = nil }
        return (events + carried.values).sorted { $0.sseq < $1.sseq }
    }

    static func accepted(_ row: Row) throws -> AcceptedEvent {
        AcceptedEvent(event: try Event(row: row), sseq: try row.decode(atIndex: Event.Columns.allCases.count),
                      receivedAt: Timestamp(millisecondsSince1970: try row.decode(atIndex: Event.Columns.allCases.count + 1)))
    }

    /// For each device's events among `events`: the signature over the nearest signed head at or
    /// after them, and the body digests of the device's events up to it that `events` lacks.
    static func proofs(_ db: Database, for events: [Event]) throws -> [ChainProof] {
        var proofs: [ChainProof] = []
        for (device, held) in Dictionary(grouping: events, by: \.device) {
            let carried = Set(held.map(\.cseq))
            var remaining = held.map(\.cseq).sorted()[...]
            while let first = remaining.first {
                guard let head = try Row.fetchOne(db.cachedStatement(sql: "SELECT cseq, signature FROM chain_signature WHERE device = ? AND cseq >= ? ORDER BY cseq LIMIT 1"),
                                                  arguments: [device, first]) else { break }
                let signature = ChainSignature(device: device, cseq: try head.decode(forColumn: "cseq"), signature: try head.decode(forColumn: "signature"))
                remaining = remaining.drop { $0 <= signature.cseq }
                var digests: [Int64: Data] = [:]
                if signature.cseq > first {
                    for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT \(Event.columns) FROM event WHERE device = ? AND cseq > ? AND cseq <= ?"),
                                                arguments: [device, first, signature.cseq]) {
                        let event = try Event(row: row)
                        if !carried.contains(event.cseq) { digests[event.cseq] = EventChain.bodyDigest(of: event) }
                    }
                    for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT cseq, digest FROM chain_digest WHERE device = ? AND cseq > ? AND cseq <= ?"),
                                                arguments: [device, first, signature.cseq]) where !carried.contains(try row.decode(forColumn: "cseq")) {
                        digests[try row.decode(forColumn: "cseq")] = try row.decode(forColumn: "digest")
                    }
                }
                proofs.append(ChainProof(signature: signature, digests: digests))
            }
        }
        return proofs
    }

    /// The highest sequence number of `device` handled: stored, or quarantined.
    private static func highestCseq(_ db: Database, device: UUID) throws -> Int64 {
        let stored = try Int64.fetchOne(db, sql: "SELECT MAX(cseq) FROM event WHERE device = ?", arguments: [device]) ?? 0
        let quarantined = try Int64.fetchOne(db, sql: "SELECT MAX(cseq) FROM quarantine WHERE device = ?", arguments: [device]) ?? 0
        return max(stored, quarantined)
    }
}

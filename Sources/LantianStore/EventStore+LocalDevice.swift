import Foundation
import GRDB
import LantianDomain
import LantianWire

extension EventStore {
    /// This client store's device, or `nil` before set-up.
    public func localDevice() throws -> LocalDevice? {
        try read { db in try Self.localDevice(db) }
    }

    static func localDevice(_ db: Database) throws -> LocalDevice? {
        try Row.fetchOne(db, sql: "SELECT * FROM local_device").map {
            var device = LocalDevice(id: try $0.decode(forColumn: "id"), actor: try $0.decode(forColumn: "actor"), server: try $0.decode(forColumn: "server"), credential: try $0.decode(forColumn: "credential"),
                                     serverDevice: try $0.decode(forColumn: "serverDevice"), serverKey: try $0.decode(forColumn: "serverKey"))
            device.serverTLSKey = try $0.decode(forColumn: "serverTLSKey")
            device.serverNextTLSKey = try $0.decode(forColumn: "serverNextTLSKey")
            device.certificateAuthorities = try $0.decode(forColumn: "certificateAuthorities")
            return device
        }
    }

    /// Gives this store a device identity, keeping an existing device id: a device's events must
    /// all carry the same id, so set-up never changes it. Changes the actor and server.
    @discardableResult
    public func setUpLocalDevice(actor: String, server: String?) throws -> LocalDevice {
        try write { db in
            let id = try UUID.fetchOne(db, sql: "SELECT id FROM local_device") ?? UUID()
            try db.execute(sql: """
                INSERT INTO local_device (singleton, id, actor, server) VALUES (1, ?, ?, ?)
                ON CONFLICT (singleton) DO UPDATE SET actor = excluded.actor, server = excluded.server
                """, arguments: [id, actor, server])
            guard let device = try Self.localDevice(db) else { throw StoreError.noLocalDevice }
            return device
        }
    }

    /// Notes that the server enrolled this device (`device.id`) for `enrolled.user`: the store's
    /// device is now that user's, enrolled under its own id, and checks the server's events with
    /// the server key it was given. `tlsKey` is the server's TLS key the enrolment connection was
    /// checked against (pinned from now on); `certificateAuthorities`, a CA bundle to check it with instead.
    @discardableResult
    public func noteEnrolled(_ enrolled: Enrolled, device: UUID, server: String, tlsKey: Data?, certificateAuthorities: String?) throws -> LocalDevice {
        try write { db in
            try db.execute(sql: """
                INSERT INTO local_device (singleton, id, actor, server, credential, serverDevice, serverKey, serverTLSKey, certificateAuthorities)
                VALUES (1, ?1, ?2, ?3, ?1, ?4, ?5, ?6, ?7)
                ON CONFLICT (singleton) DO UPDATE SET id = ?1, actor = ?2, server = ?3, credential = ?1, serverDevice = ?4, serverKey = ?5,
                    serverTLSKey = ?6, serverNextTLSKey = NULL, certificateAuthorities = ?7
                """, arguments: [device, enrolled.user, server, enrolled.serverDevice, enrolled.serverKey, tlsKey, certificateAuthorities])
            guard let device = try Self.localDevice(db) else { throw StoreError.noLocalDevice }
            return device
        }
    }

    /// Notes what a welcome said of the server's TLS keys (``LocalDevice/tlsPins(presented:next:)``;
    /// a device enrolled before the transport had TLS pins its first TLS server), writing only
    /// when a pin changes.
    public func noteServerTLSKeys(presented: Data?, next: Data?) throws {
        guard let pins = try localDevice()?.tlsPins(presented: presented, next: next) else { return }  // most syncs: nothing to write
        try write { db in
            try db.execute(sql: "UPDATE local_device SET serverTLSKey = ?, serverNextTLSKey = ?", arguments: [pins.current, pins.next])
        }
    }

    /// Records a new event from this device: gives it an id, the next sequence number and a clock
    /// reading later than every event stored, all in the transaction that stores it.
    public func record(_ draft: EventDraft, device: LocalDevice, now: Timestamp) throws -> Event {
        try record([draft], device: device, now: now)[0]
    }

    /// Records several events from this device in one transaction: all are stored, or none
    /// (an inspection and the issues it opens, say). Each carries the hash of the one before.
    /// `photos` (the evidence they cite) are kept in the same transaction: a refused record keeps none.
    public func record(_ drafts: [EventDraft], device: LocalDevice, now: Timestamp, keeping photos: [Data] = []) throws -> [Event] {
        try write { db in
            for photo in photos { try Self.keepAttachment(db, photo) }
            return try Self.record(db, drafts, device: device, now: now, accepting: false).map(\.event)
        }
    }

    /// Records events of the server's own device and accepts them at once, as if pushed: gives each
    /// the next global sequence number and its place in the grid, and signs the chain at the last.
    @discardableResult
    public func recordAccepted(_ drafts: [EventDraft], as server: ServerIdentity, now: Timestamp) throws -> [Event] {
        try write { db in try Self.recordAccepted(db, drafts, as: server, now: now) }
    }

    @discardableResult
    static func recordAccepted(_ db: Database, _ drafts: [EventDraft], as server: ServerIdentity, now: Timestamp) throws -> [Event] {
        let events = try Self.record(db, drafts, device: server.device, now: now, accepting: true)
        for (event, sseq, content) in events { try Self.placeServerRecord(db, event, content: content, sseq: sseq) }
        if let (last, _, _) = events.last {
            try Self.storeSignature(db, try ChainSignature(signing: EventChain.hash(of: last), device: last.device, cseq: last.cseq, with: server.key))
        }
        return events.map(\.event)
    }

    /// Enrols the server's own device with its key at `now`, once: the first thing a server store records.
    func enrolServerIfNeeded(_ server: ServerIdentity, now: Timestamp) throws {
        try write { db in
            if let enrolled = try Self.enrolment(db, of: server.device.id) {
                guard enrolled.publicKey == server.key.publicKey else { throw KeyFileError.notThisStore(path: KeyFile.path(forStore: path)) }
                return
            }
            let payload = try DeviceEnrolled(device: server.device.id, user: server.device.actor, publicKey: server.key.publicKey)
            try Self.recordAccepted(db, [try EventDraft(subject: server.device.id, payload: payload)], as: server, now: now)
        }
    }

    /// Each event is read as a server would read it (``Admission/read(_:receivedAt:)``, with no
    /// other clock than the recorder's own): one whose clock or payload breaks a rule throws its
    /// ``Refusal``, and nothing of the batch is stored.
    ///
    /// - Parameter accepting: also give each event the next global sequence number (returned with it).
    private static func record(_ db: Database, _ drafts: [EventDraft], device: LocalDevice, now: Timestamp,
                               accepting: Bool) throws -> [(event: Event, sseq: Int64, content: (any EventContent)?)] {
        var (cseq, previous) = try chainEnd(db, device: device.id)
        // The latest reading seen, leaving out any beyond the horizon (only an event accepted before
        // EventBounds existed can be that far ahead: it must not drag this device's clock there).
        let horizon = HybridTimestamp(wallMilliseconds: now.adding(milliseconds: EventBounds.clockHorizon).millisecondsSince1970, counter: .max)
        var clock = try Int64.fetchOne(db, sql: "SELECT MAX(hlc) FROM event WHERE hlc <= ?", arguments: [horizon.packed])
            .flatMap(HybridTimestamp.init(packed:)) ?? .zero
        var sseq = try Int64.fetchOne(db, sql: "SELECT MAX(sseq) FROM event") ?? 0
        var random = SystemRandomNumberGenerator()
        return try drafts.map { draft in
            cseq += 1
            sseq += 1
            clock = clock.next(now: now)
            let event = Event(
                id: .version7(at: now, using: &random), device: device.id, cseq: cseq, actor: device.actor, hlc: clock,
                recordedAt: now, subject: draft.subject, type: draft.type, schema: draft.schema, payload: draft.payload,
                previous: previous)
            let reading = try Admission.read(event, receivedAt: nil).get()
            try event.insert(into: db, sseq: accepting ? sseq : nil, receivedAt: accepting ? now : nil)
            previous = EventChain.hash(of: event)
            try Self.noteRecordedHash(db, event, hash: previous)
            return (event, sseq, reading.content)
        }
    }
}

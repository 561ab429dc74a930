import Foundation
import LantianDomain
import LantianFiles
import LantianWire
import LantianStore

/// Who is acting, where things are, and which record an id means: what every recording command needs.
extension FieldClient {
    /// This device's user as the synced directory knows them; `nil` before the first sync.
    public func profile() throws -> UserRegistered? {
        try store.user(named: try requireDevice().actor)
    }

    /// This device's user's name (who it records as).
    public func userName() throws -> String { try requireDevice().actor }

    /// This device's user's role, or why it is not known.
    func requireRole() throws -> Role {
        guard let user = try profile() else { throw FieldError.unknownUser(try requireDevice().actor) }
        return user.role
    }

    /// The grid node a record belongs to, placed as the server will place it
    /// (``Grid/place(stated:location:scope:)``): the node given, which must exist and agree with
    /// the location; else the node whose boundary holds `location`, narrowed to the user's own
    /// scope where boundaries cannot tell them apart; else the user's scope. `nil` only on a
    /// device that has never synced a grid.
    func placeNode(_ code: String?, location: GeoPoint?) throws -> String? {
        try store.grid().place(stated: code, location: location, scope: try profile()?.scope).get()
    }

    /// Whether a record at `node` is a referral (移交): it lies outside this user's scope, for the
    /// office there to own. `false` on a device that does not know its user yet (the server decides).
    func isReferral(_ node: String) throws -> Bool {
        guard let user = try profile() else { return false }
        return try !store.node(node, isWithin: user.scope)
    }

    /// Refuses to go on before the device holds a grid (it has never synced): what a record that
    /// needs a place would be refused for, said before anything is asked.
    public func checkGridSynced() throws {
        guard try store.hasGrid() else { throw FieldError.gridNotSynced }
    }

    /// The record `reference` names among `records`, with its id.
    func find<Record>(_ reference: String, in records: [UUID: Record]) throws -> (id: UUID, record: Record) {
        let id = try resolve(reference, among: records.keys)
        guard let record = records[id] else { throw FieldError.noSuchRecord(reference) }
        return (id, record)
    }

    /// The record `reference` names among `records`: the one whose `name` it is, else by id as
    /// ``find(_:in:)`` finds it.
    func find<Record>(_ reference: String, in records: [UUID: Record], named name: (Record) -> String) throws -> (id: UUID, record: Record) {
        let named = records.filter { name($0.value) == reference }
        if named.count == 1, let only = named.first { return (only.key, only.value) }
        return try find(reference, in: records)
    }

    /// The record whose id is `id` among `records` (one this device has just recorded, say).
    func find<Record>(_ id: UUID, in records: [UUID: Record]) throws -> Record {
        guard let record = records[id] else { throw FieldError.noSuchRecord(id.uuidString.lowercased()) }
        return record
    }

    /// The one id among `candidates` that `reference` names: the whole id, or at least 4 characters
    /// from its start or end (lists show the last 8).
    func resolve(_ reference: String, among candidates: some Sequence<UUID>) throws -> UUID {
        switch IDReference(reference).resolve(among: candidates) {
        case .one(let id): return id
        case .none:
            // One of this device's records the server refused: say so, rather than that it does not exist.
            if let refused = try store.refusedRecords().first(where: { IDReference(reference).resolve(among: [$0.subject]) == .one($0.subject) }) {
                throw FieldError.refusedRecord(reference, reason: refused.reason)
            }
            throw FieldError.noSuchRecord(reference)
        case .several(let ids): throw FieldError.ambiguousRecord(reference, candidates: ids.map(\.shortID))
        }
    }

    /// Evidence for photo files, referred to by SHA-256 and name. Each file must be readable, a
    /// picture (``PhotoFormat``) and at most 64 MiB; it is kept in the store (to upload at the
    /// next sync) with the record that cites it, in the same transaction, so a refused command
    /// keeps no photo.
    public func evidence(photos: [String]) throws -> [Evidence] {
        try photos.map { path in
            guard let data = FileManager.default.contents(atPath: path) else { throw FieldError.unreadableFile(path) }
            guard !data.isEmpty, data.count <= WireLimits.maxAttachmentBytes else {
                throw FieldError.unsuitablePhoto(path, maxBytes: WireLimits.maxAttachmentBytes)
            }
            guard PhotoFormat.of(data) != nil else { throw FieldError.notAPhoto(path) }
            return (data, Evidence(sha256: ContentDigest.of(data).hex, fileName: URL(fileURLWithPath: path).lastPathComponent))
        }.map { photo, evidence in
            // Only once every file has passed: a refused list keeps none of them.
            photosToKeep.append(photo)
            return evidence
        }
    }

    /// Which of the evidence of `tickets` has reached the server whole and verified; the rest is pending.
    public func arrivedEvidence(of tickets: [Ticket]) throws -> ReceivedAttachments {
        try store.arrivals(among: tickets.flatMap { $0.evidence.map(\.sha256) })
    }

    /// A new subject id.
    func newSubject(_ now: Timestamp) -> UUID {
        var random = SystemRandomNumberGenerator()
        return .version7(at: now, using: &random)
    }

    /// Records `drafts` after checking each as the server will (``Admission``, the same code): a
    /// record the server would refuse is refused here, with the same reason, and nothing is written.
    /// A device that does not know its user yet (never synced) records as said; the server decides.
    func record(_ drafts: [EventDraft], now: Timestamp) throws -> [Event] {
        defer { photosToKeep = [] }
        let device = try requireDevice()
        if let user = try profile() {
            let grid = try store.grid()
            let directory = try store.directory()
            let scope = GridScope(user: user, grid: grid)
            for draft in drafts {
                let event = Event(id: UUID(), device: device.id, cseq: 1, actor: device.actor, hlc: HybridTimestamp(wallMilliseconds: now.millisecondsSince1970, counter: 0),
                                  recordedAt: now, subject: draft.subject, type: draft.type, schema: draft.schema, payload: draft.payload)
                let reading = try Admission.read(event, receivedAt: nil).get()
                _ = try Admission.decide(reading, of: event, by: user, scope: scope, grid: grid,
                                         records: { try subjectRecord($0, grid: grid, directory: directory) }).get()
            }
        }
        return try store.record(drafts, device: device, now: now, keeping: photosToKeep)
    }

    /// What this device holds of `subject`, as the server notes it: the type of its first record,
    /// and where that record lies.
    private func subjectRecord(_ subject: UUID, grid: Grid, directory: Directory) throws -> Admission.SubjectRecord? {
        guard let first = try store.firstEvent(about: subject, ofTypes: EventCatalogue.startingTypes),
              let content = try? EventCatalogue.definition(of: first.type)?.read(first.payload) else { return nil }
        // An issue lies where its last transfer moved it, as the server notes it.
        if first.type == TicketReported.eventType, let ticket = try store.ticket(subject) {
            return Admission.SubjectRecord(type: first.type, node: ticket.report.node)
        }
        let node: String?
        switch content.placement(of: first) {
        case .located(let stated, let location):
            node = try? grid.place(stated: stated, location: location, scope: directory.users[first.actor]?.scope).get()
        case .sameAs(let other, _) where other != subject, .within(let other, _, _) where other != subject:
            node = try subjectRecord(other, grid: grid, directory: directory)?.node
        case .supervision(let supervised):
            node = GridScope.supervisionPlace(about: supervised, grid: grid)
        default:
            node = nil
        }
        return node.map { Admission.SubjectRecord(type: first.type, node: $0) }
    }

    /// Refuses a time later than `now` (with the clock tolerance events have), before anything else is asked.
    public func checkNotInFuture(_ time: Timestamp, now: Timestamp) throws {
        guard time <= now.adding(milliseconds: EventBounds.payloadTolerance) else {
            throw InvalidValue(field: "time", rule: .inTheFuture)
        }
    }
}

import Foundation
import LantianProtocol
import LantianStore

/// Who is acting, where things are, and which record an id means: what every recording command needs.
extension FieldClient {
    /// This device's user as the synced directory knows them; `nil` before the first sync.
    public func profile() throws -> UserRegistered? {
        try store.project(Directory.self).users[try requireDevice().actor]
    }

    /// This device's user's role, or why it is not known.
    func requireRole() throws -> Role {
        guard let user = try profile() else { throw FieldError.unknownUser(try requireDevice().actor) }
        return user.role
    }

    /// The grid node a record belongs to: the node given (which must exist); else the one whose
    /// boundary holds `location`, narrowed to the user's own scope when boundaries cannot tell them
    /// apart (the located node is the nearest node with a boundary above the scope: boundaries may
    /// stop at counties, while an officer's cell is known); else the user's scope.
    /// `nil` only on a device that has never synced a grid.
    func placeNode(_ code: String?, location: GeoPoint?) throws -> String? {
        let grid = try store.project(Grid.self)
        if let code {
            guard grid[code] != nil else { throw FieldError.unknownNode(code) }
            return code
        }
        let scope = try profile()?.scope
        if let location, grid.nodes.values.contains(where: { $0.boundary != nil }) {
            guard let node = grid.locate(location) else { throw FieldError.outsideGrid(location) }
            if let scope, grid.lineage(of: scope).first(where: { $0.boundary != nil })?.code == node.code { return scope }
            return node.code
        }
        return scope
    }

    /// The one id among `candidates` that `reference` names: the whole id, or at least 4 characters
    /// from its start or end (lists show the last 8).
    func resolve(_ reference: String, among candidates: some Sequence<UUID>) throws -> UUID {
        let wanted = reference.lowercased().replacingOccurrences(of: "-", with: "")
        if let exact = UUID(uuidString: reference), candidates.contains(exact) { return exact }
        guard wanted.count >= 4 else { throw FieldError.noSuchRecord(reference) }
        let matches = candidates.filter { id in
            let hex = id.uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            return hex.hasSuffix(wanted) || hex.hasPrefix(wanted)
        }
        guard let match = matches.first else { throw FieldError.noSuchRecord(reference) }
        guard matches.count == 1 else { throw FieldError.ambiguousRecord(reference, candidates: matches.map(Texts.shortID)) }
        return match
    }

    /// Evidence for photo files: each file is kept in the store (to upload at the next sync) and
    /// referred to by its SHA-256 and name. The file must be readable and at most 64 MiB.
    public func evidence(photos: [String]) throws -> [Evidence] {
        try photos.map { path in
            guard let data = FileManager.default.contents(atPath: path) else { throw FieldError.unreadableFile(path) }
            guard !data.isEmpty, data.count <= WireLimits.maxAttachmentBytes else {
                throw FieldError.unsuitablePhoto(path, maxBytes: WireLimits.maxAttachmentBytes)
            }
            let kept = try store.keepAttachment(data)
            return Evidence(sha256: kept.digest.hex, fileName: URL(fileURLWithPath: path).lastPathComponent)
        }
    }

    /// Which evidence has reached the server whole and verified; the rest is pending.
    public func arrivedEvidence() throws -> ReceivedAttachments {
        try store.project(ReceivedAttachments.self)
    }

    /// A new subject id.
    func newSubject(_ now: Timestamp) -> UUID {
        var random = SystemRandomNumberGenerator()
        return .version7(at: now, using: &random)
    }

    func record(_ drafts: [EventDraft], now: Timestamp) throws -> [Event] {
        try store.record(drafts, device: try requireDevice(), now: now)
    }

    func checkNotInFuture(_ time: Timestamp, now: Timestamp) throws {
        guard time.millisecondsSince1970 <= now.millisecondsSince1970 + Self.clockTolerance else {
            throw ValidationError(field: "time", rule: .inTheFuture)
        }
    }
}

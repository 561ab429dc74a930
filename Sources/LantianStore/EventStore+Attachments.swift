import Foundation
import GRDB
import LantianDomain
import LantianWire

/// Why a blob's upload was refused; what had been received of it is discarded.
public enum AttachmentRefusal: Hashable, Sendable {
    /// Larger than ``WireLimits/maxAttachmentBytes``.
    case tooLarge(size: Int64, max: Int64)
    /// The same digest was offered with another size: one of them is lying.
    case sizeMismatch(digest: ContentDigest, held: Int64, offered: Int64)
    /// The bytes received do not hash to the digest they were sent under.
    case digestMismatch(ContentDigest)
    /// A chunk for a blob that was never offered, or running past its size.
    case unexpectedChunk(ContentDigest)
}

extension AttachmentRefusal: PeerError {
    public var wireCode: ErrorCode { .attachmentRefused }
    public var exitStatus: ExitStatus { .dataError }

    public func message(in language: Language) -> String {
        let say = language.say
        switch self {
        case .tooLarge(let size, let max):
            return say("附件 \(ByteCount(size)) 超过上限 \(ByteCount(max))", "attachment of \(size) bytes exceeds the limit of \(max) bytes")
        case .sizeMismatch(let digest, let held, let offered):
            return say("附件 \(digest) 应为 \(held) 字节，而不是 \(offered) 字节", "attachment \(digest) is \(held) bytes, not \(offered)")
        case .digestMismatch(let digest):
            return say("收到的内容与摘要 \(digest) 不符：已丢弃，从头重发", "the bytes received do not hash to \(digest): discarded, send it again from offset 0")
        case .unexpectedChunk(let digest):
            return say("附件 \(digest) 的数据块未先申报或超出其大小", "chunk for \(digest) was not offered first or runs past its size")
        }
    }
}

extension EventStore {
    /// Keeps a blob this device made (a photo of evidence), whole and in chunks; keeping the same
    /// bytes twice stores them once.
    @discardableResult
    public func keepAttachment(_ data: Data) throws -> AttachmentOffer {
        try write { db in try Self.keepAttachment(db, data) }
    }

    @discardableResult
    static func keepAttachment(_ db: Database, _ data: Data) throws -> AttachmentOffer {
        let offer = AttachmentOffer(digest: .of(data), size: Int64(data.count))
        guard try held(db, offer.digest) == nil else { return offer }
        try db.execute(sql: "INSERT INTO attachment (digest, size, received) VALUES (?, ?, ?)",
                       arguments: [Data(offer.digest.bytes), offer.size, offer.size])
        for offset in stride(from: 0, to: data.count, by: WireLimits.chunkBytes) {
            let piece = data[(data.startIndex + offset)..<(data.startIndex + min(offset + WireLimits.chunkBytes, data.count))]
            try db.execute(sql: "INSERT INTO attachment_chunk (digest, offset, bytes) VALUES (?, ?, ?)",
                           arguments: [Data(offer.digest.bytes), offset, Data(piece)])
        }
        return offer
    }

    /// Starts or resumes receiving an offered blob: how much of it is held.
    public func beginReceiving(_ offer: AttachmentOffer) throws -> AttachmentState {
        guard offer.size <= WireLimits.maxAttachmentBytes else {
            throw AttachmentRefusal.tooLarge(size: offer.size, max: WireLimits.maxAttachmentBytes)
        }
        return try write { db in
            if let held = try Self.held(db, offer.digest) {
                guard held.size == offer.size else {
                    throw AttachmentRefusal.sizeMismatch(digest: offer.digest, held: held.size, offered: offer.size)
                }
                return held
            }
            try db.execute(sql: "INSERT INTO attachment (digest, size) VALUES (?, ?)", arguments: [Data(offer.digest.bytes), offer.size])
            return AttachmentState(digest: offer.digest, size: offer.size, received: 0)
        }
    }

    /// Stores a chunk that continues a blob being received, in one transaction. A chunk at any other
    /// offset than the bytes held is ignored (the answer says where to resume). The chunk that
    /// completes the blob is kept only if the whole blob hashes to its digest, and then an
    /// ``AttachmentReceived`` event is recorded by the server in the same transaction, so no replica
    /// hears of a blob the server lacks; if it does not match, everything received of it is discarded.
    public func receive(_ chunk: Chunk, recordingArrivalAs server: ServerIdentity, now: Timestamp) throws -> AttachmentState {
        try write { db -> Result<AttachmentState, AttachmentRefusal> in
            let appended = try Self.append(db, chunk)
            if case .success(let outcome) = appended, outcome.completed {
                let arrival = try EventDraft(subject: UUID.version5(name: chunk.digest.hex),
                                             payload: AttachmentReceived(digest: chunk.digest, size: outcome.state.size))
                try Self.recordAccepted(db, [arrival], as: server, now: now)
            }
            return appended.map(\.state)
        }.get()
    }

    /// Starts or resumes fetching a blob the server holds (client side): how much of it is held
    /// here. `size` is what the server's ``AttachmentReceived`` says.
    public func beginFetching(_ digest: ContentDigest, size: Int64) throws -> AttachmentState {
        try beginReceiving(AttachmentOffer(digest: digest, size: size))
    }

    /// Stores a chunk of a blob being fetched, as ``receive(_:recordingArrivalAs:now:)`` does
    /// (the same checks, the whole blob verified against its digest), without recording an arrival.
    public func receiveFetched(_ chunk: Chunk) throws -> AttachmentState {
        try write { db in try Self.append(db, chunk).map(\.state) }.get()
    }

    /// Appends `chunk` to the blob it continues; whether it completed the blob, verified.
    private static func append(_ db: Database, _ chunk: Chunk) throws -> Result<(state: AttachmentState, completed: Bool), AttachmentRefusal> {
        let key = Data(chunk.digest.bytes)
        guard let held = try held(db, chunk.digest) else { return .failure(.unexpectedChunk(chunk.digest)) }
        guard chunk.offset == held.received, !held.isComplete, !chunk.bytes.isEmpty else { return .success((held, false)) }
        let (received, overflow) = held.received.addingReportingOverflow(Int64(chunk.bytes.count))
        guard !overflow, received <= held.size else { return .failure(.unexpectedChunk(chunk.digest)) }
        try db.execute(sql: "INSERT INTO attachment_chunk (digest, offset, bytes) VALUES (?, ?, ?)", arguments: [key, chunk.offset, chunk.bytes])
        let state = AttachmentState(digest: chunk.digest, size: held.size, received: received)
        guard received == held.size else {
            try db.execute(sql: "UPDATE attachment SET received = ? WHERE digest = ?", arguments: [received, key])
            return .success((state, false))
        }
        guard try digestOfChunks(db, key) == chunk.digest else {
            try db.execute(sql: "DELETE FROM attachment_chunk WHERE digest = ?", arguments: [key])
            try db.execute(sql: "UPDATE attachment SET received = 0 WHERE digest = ?", arguments: [key])
            return .failure(.digestMismatch(chunk.digest))
        }
        try db.execute(sql: "UPDATE attachment SET received = ? WHERE digest = ?", arguments: [received, key])
        return .success((state, true))
    }

    /// How much of a blob the server holds for the user `reader` who sees the grid nodes `visible`
    /// (`nil`: all): `nil` unless it is held whole and an accepted event they see, as their pulls
    /// see it (``Visibility``), cites it.
    public func fetchable(_ digest: ContentDigest, visible: Set<String>?, reader: String? = nil) throws -> AttachmentState? {
        try read { db in
            guard let held = try Self.held(db, digest), held.isComplete else { return nil }
            let visibility = try visible.map { try Visibility(nodes: $0, reader: reader) }
            let cited = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM evidence_citation c JOIN event e ON e.sseq = c.sseq LEFT JOIN event_node n ON n.sseq = c.sseq
                               WHERE c.digest = ? \(visibility == nil ? "" : "AND \(Visibility.predicate)"))
                """, arguments: [digest.hex] + (visibility?.arguments ?? [])) ?? false
            return cited ? held : nil
        }
    }

    /// The blobs held here, whole or in part: how much of each.
    public func heldAttachments(_ digests: some Sequence<ContentDigest>) throws -> [ContentDigest: AttachmentState] {
        try read { db in
            var held: [ContentDigest: AttachmentState] = [:]
            for digest in digests { held[digest] = try Self.held(db, digest) }
            return held
        }
    }

    /// Up to `maxBytes` of a blob held whole, from `offset`.
    public func attachmentBytes(_ digest: ContentDigest, from offset: Int64, maxBytes: Int) throws -> Data {
        try read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT offset, bytes FROM attachment_chunk WHERE digest = ? AND offset + length(bytes) > ? ORDER BY offset
                """, arguments: [Data(digest.bytes), offset])
            var data = Data()
            while data.count < maxBytes, let row = try rows.next() {
                let start: Int64 = try row.decode(forColumn: "offset")
                let bytes: Data = try row.decode(forColumn: "bytes")
                let skip = Int(max(offset + Int64(data.count) - start, 0))
                data.append(bytes.dropFirst(skip).prefix(maxBytes - data.count))
            }
            return data
        }
    }

    /// Blobs held whole here that no `attachment.received` event says the server has: what is
    /// still to upload.
    public func attachmentsAwaitingUpload() throws -> [AttachmentOffer] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT digest, size FROM attachment WHERE received = size ORDER BY rowid").compactMap { row in
                guard let digest = ContentDigest(bytes: try row.decode(forColumn: "digest") as Data) else {
                    throw StoreError.damaged("an attachment's digest is not 32 bytes")
                }
                return try Self.hasArrived(db, digest.hex) ? nil : AttachmentOffer(digest: digest, size: try row.decode(forColumn: "size"))
            }
        }
    }

    /// Which of the blobs `digests` (64 hexadecimal digits each) the server has said it holds whole.
    public func arrivals(among digests: some Sequence<String>) throws -> ReceivedAttachments {
        try read { db in ReceivedAttachments(digests: Set(try digests.filter { try Self.hasArrived(db, $0.lowercased()) }.map { $0.lowercased() })) }
    }

    /// The size the server said a blob has when it recorded its arrival (`nil`: not arrived, as far as this store knows).
    public func arrivedSize(of digest: ContentDigest) throws -> Int64? {
        try read { db in
            let events = try Event.fetchAll(db, sql: """
                SELECT \(Event.columns) FROM event WHERE id IN (SELECT event FROM attachment_arrival WHERE digest = ?)
                """, arguments: [digest.hex])
            return events.lazy.compactMap { try? PayloadCodec.decode(AttachmentReceived.self, from: $0) }
                .first { (try? $0.check(recordedAt: Timestamp(millisecondsSince1970: 0))) != nil }?.size
        }
    }

    private static func hasArrived(_ db: Database, _ digest: String) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM attachment_arrival WHERE digest = ?)"), arguments: [digest]) ?? false
    }

    /// Whether this store holds the blob whole.
    public func holdsAttachment(_ digest: ContentDigest) throws -> Bool {
        try read { db in try Self.held(db, digest)?.isComplete ?? false }
    }

    private static func held(_ db: Database, _ digest: ContentDigest) throws -> AttachmentState? {
        try Row.fetchOne(db, sql: "SELECT size, received FROM attachment WHERE digest = ?", arguments: [Data(digest.bytes)]).map {
            AttachmentState(digest: digest, size: try $0.decode(forColumn: "size"), received: try $0.decode(forColumn: "received"))
        }
    }

    private static func digestOfChunks(_ db: Database, _ key: Data) throws -> ContentDigest {
        var hasher = ContentDigest.Hasher()
        let rows = try Row.fetchCursor(db, sql: "SELECT bytes FROM attachment_chunk WHERE digest = ? ORDER BY offset", arguments: [key])
        while let row = try rows.next() { hasher.update(try row.decode(forColumn: "bytes") as Data) }
        return hasher.finalize()
    }
}

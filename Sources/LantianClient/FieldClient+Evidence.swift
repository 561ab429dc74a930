import Foundation
import LantianDomain
import LantianSessions
import LantianStore
import LantianSync
import LantianWire

/// Photos both ways: an issue's evidence, fetched from the server and saved as files.
extension FieldClient {
    /// What `lantian evidence get` did: every photo of the issue, and why the connection failed if it did.
    public struct EvidenceFetch: Sendable {
        public var ticket: Ticket
        public var directory: String
        public var copies: [EvidenceCopy]
        public var failure: SyncError?
    }

    /// Saves every photo of the issue `reference` into `directory` (default `证据-<id>`/`evidence-<id>`),
    /// fetching from the server those this device does not hold (PROTOCOL.md, *Fetching evidence*):
    /// each resumes where a fetch cut short left it, and is kept only once its bytes hash to its
    /// SHA-256. A device missing the server's word on some photos syncs first. Offline, it saves what it holds.
    public func fetchEvidence(of reference: String, into directory: String?, server override: String? = nil,
                              language: Language) throws -> EvidenceFetch {
        var ticket = try self.ticket(reference)
        var failure: SyncError?
        var report = SyncReport()
        if try !missingEvidence(of: ticket).isEmpty, try store.localDevice()?.isEnrolled == true {
            // Steps and arrivals this device has not pulled yet: sync, then look again.
            do {
                _ = try sync(server: override)
                ticket = try store.ticket(ticket.id) ?? ticket
            } catch let error as SyncError {
                failure = error
            }
        }
        let offers = try missingEvidence(of: ticket).compactMap { digest in
            try store.arrivedSize(of: digest).map { AttachmentOffer(digest: digest, size: $0) }
        }
        if failure == nil, !offers.isEmpty {
            let device = try requireEnrolledDevice()
            guard let server = override ?? device.server else { throw FieldError.noServer }
            let key = try deviceKey(), endpoint = try parseServer(server), channel = try syncChannel(to: endpoint)
            do throws(SyncError) {
                report = try SyncClient.run(store: store, key: key, server: endpoint, security: channel, purpose: .fetch(offers))
            } catch {
                failure = error
            }
        }
        let folder = directory ?? language.say("证据-\(ticket.id.shortID)", "evidence-\(ticket.id.shortID)")
        var copies: [EvidenceCopy] = []
        for (entry, stage) in ticket.evidenceTrail {
            for evidence in entry.evidence {
                let outcome = try save(evidence, number: copies.count + 1, stage: stage, into: folder, language: language,
                                       report: report, arrived: try store.arrivals(among: [evidence.sha256]))
                copies.append(EvidenceCopy(entry: entry, stage: stage, evidence: evidence, outcome: outcome))
            }
        }
        return EvidenceFetch(ticket: ticket, directory: folder, copies: copies, failure: failure)
    }

    /// The digests of the evidence this device does not hold whole.
    private func missingEvidence(of ticket: Ticket) throws -> [ContentDigest] {
        let digests = Set(ticket.evidence.compactMap { ContentDigest(hex: $0.sha256.lowercased()) })
        let held = try store.heldAttachments(digests)
        return digests.filter { held[$0]?.isComplete != true }.sorted { $0.hex < $1.hex }
    }

    /// Writes one photo held whole here into `folder`, named by its number, stage and the name it
    /// was recorded with; or says why it is not here.
    private func save(_ evidence: Evidence, number: Int, stage: EvidenceStage, into folder: String, language: Language,
                      report: SyncReport, arrived: ReceivedAttachments) throws -> EvidenceCopy.Outcome {
        guard let digest = ContentDigest(hex: evidence.sha256.lowercased()) else { return .unavailable }
        guard let held = try store.heldAttachments([digest])[digest], held.isComplete, held.size <= WireLimits.maxAttachmentBytes else {
            if report.mismatched.contains(digest) { return .mismatched }
            if report.unavailable.contains(digest) { return .unavailable }
            return arrived.hasArrived(evidence) ? .notFetched : .pending
        }
        let data = try store.attachmentBytes(digest, from: 0, maxBytes: Int(held.size))
        guard ContentDigest.of(data) == digest else { return .mismatched }  // damaged in this store since
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = (folder as NSString).appendingPathComponent(
            String(format: "%02d", number) + "-" + stage.name(in: language) + "-" + Self.safeFileName(evidence.fileName))
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        return .saved(path: path)
    }

    /// A recorded file name made safe to write: no directories, no control characters, not hidden, not too long.
    static func safeFileName(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.map { scalar -> Character in
            scalar == "/" || scalar == "\\" || scalar.properties.generalCategory == .control ? "_" : Character(scalar)
        }).drop { $0 == "." || $0 == " " }
        return cleaned.isEmpty ? "photo" : String(cleaned.suffix(80))
    }
}

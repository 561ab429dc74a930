/// A record that cites evidence (photos) by digest. The server notes which accepted events cite
/// which blobs, so that a user may fetch a blob only where an event they can see cites it.
public protocol CitesEvidence {
    var evidence: [Evidence] { get }
}

extension CitesEvidence {
    /// The digests cited, in lower-case hexadecimal as stored (evidence that names no valid digest is left out).
    public var citedDigests: Set<String> {
        Set(evidence.compactMap { ContentDigest(hex: $0.sha256.lowercased())?.hex })
    }
}

extension TicketReported: CitesEvidence {}
extension TicketStep: CitesEvidence {}
extension EnterpriseStep: CitesEvidence {}
extension AlertCheckRecorded: CitesEvidence {}
extension DustSiteInspected: CitesEvidence {}
extension FirePointReport: CitesEvidence {}

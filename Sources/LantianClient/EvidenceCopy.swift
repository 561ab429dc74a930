import LantianDomain

/// One photo of an issue as `lantian evidence get` leaves it: the step that added it (who, when),
/// the stage it shows, and where it stands on this device.
public struct EvidenceCopy: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        /// Held whole here, checked against its SHA-256, and written to `path`.
        case saved(path: String)
        /// The server has not said it holds the photo whole: the device that took it has not uploaded it yet.
        case pending
        /// The server would not give it: it does not hold it, or no record the user may see cites it.
        case unavailable
        /// The bytes received did not hash to the photo's SHA-256 and were discarded: fetch it again.
        case mismatched
        /// Not fetched: the server could not be reached (the reason is the fetch's failure).
        case notFetched
    }

    public var entry: Ticket.Entry
    public var stage: EvidenceStage
    public var evidence: Evidence
    public var outcome: Outcome
}

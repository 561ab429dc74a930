import Foundation
import GRDB
import LantianDomain
import LantianWire

/// What accepting a pushed batch did.
public struct PushOutcome: Hashable, Sendable {
    /// The device's highest sequence number now handled: stored or quarantined.
    public var acknowledgedCseq: Int64
    /// Events of the batch refused for good (quarantined), including ones refused before and resent.
    public var rejected: [Rejection]
}

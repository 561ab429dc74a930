import Foundation
import LantianDomain
import LantianFraming

/// The server has committed the device's events up to and including `acknowledgedCseq`: each is
/// stored, or refused for good and listed in `rejected` (quarantined), so one bad event never blocks the rest.
public struct PushAck: Hashable, Sendable {
    public var acknowledgedCseq: Int64
    public var rejected: [Rejection]

    public init(acknowledgedCseq: Int64, rejected: [Rejection] = []) {
        self.acknowledgedCseq = acknowledgedCseq
        self.rejected = rejected
    }
}

import Foundation
import LantianDomain
import LantianFraming

/// The server committed a ``Return``: how far it now holds the device's chain, and the events of it
/// it refused (quarantined).
public struct ReturnAck: Hashable, Sendable {
    public var device: UUID
    public var acknowledgedCseq: Int64
    public var rejected: [Rejection]

    public init(device: UUID, acknowledgedCseq: Int64, rejected: [Rejection] = []) {
        self.device = device
        self.acknowledgedCseq = acknowledgedCseq
        self.rejected = rejected
    }
}

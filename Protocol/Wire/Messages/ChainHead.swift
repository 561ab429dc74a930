import Foundation
import LantianDomain
import LantianFraming

/// How far one device's chain is held: its highest sequence number (0 for none).
public struct ChainHead: Hashable, Sendable {
    public var device: UUID
    public var cseq: Int64

    public init(device: UUID, cseq: Int64) {
        self.device = device
        self.cseq = cseq
    }
}

import Foundation

/// Where an event stands in the canonical order every replica folds in: its clock reading, then
/// its device (by bytes), then its sequence number.
public struct CanonicalPosition: Hashable, Sendable, Comparable {
    public var hlc: HybridTimestamp
    public var device: UUID
    public var cseq: Int64

    public init(hlc: HybridTimestamp, device: UUID, cseq: Int64) {
        self.hlc = hlc
        self.device = device
        self.cseq = cseq
    }

    public static func < (lhs: CanonicalPosition, rhs: CanonicalPosition) -> Bool {
        if lhs.hlc != rhs.hlc { return lhs.hlc < rhs.hlc }
        if lhs.device != rhs.device { return UUID.precedesInByteOrder(lhs.device, rhs.device) }
        return lhs.cseq < rhs.cseq
    }
}

extension Event {
    public var position: CanonicalPosition { CanonicalPosition(hlc: hlc, device: device, cseq: cseq) }
}

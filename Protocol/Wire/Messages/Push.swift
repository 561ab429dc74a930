import Foundation
import LantianDomain
import LantianFraming

/// A batch of the client device's own events, in sequence order, and the device key's signature
/// over the chain at the last of them (``ChainSignature``).
public struct Push: Hashable, Sendable {
    public var events: [Event]
    public var signature: Data

    public init(events: [Event], signature: Data = Data()) {
        self.events = events
        self.signature = signature
    }

    /// The signature as a ``ChainSignature`` over the batch's last event; `nil` for an empty batch.
    public var headSignature: ChainSignature? {
        events.last.map { ChainSignature(device: $0.device, cseq: $0.cseq, signature: signature) }
    }
}

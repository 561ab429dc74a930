import Foundation
import LantianDomain
import LantianFraming

/// Accepted events after the requested cursor that the client's user may see, in global sequence
/// order, with the proofs that let the client check each against its device's signature.
public struct Page: Hashable, Sendable {
    public var events: [AcceptedEvent]
    /// The server's highest global sequence number when the page was read.
    public var head: Int64
    public var proofs: [ChainProof]

    public init(events: [AcceptedEvent], head: Int64, proofs: [ChainProof] = []) {
        self.events = events
        self.head = head
        self.proofs = proofs
    }
}

import Foundation

/// What lets a replica check events it pulled against their device's signature when it does not
/// hold every event in between (a grid officer receives only their cell's): the signature over a
/// head, and the body digests of the device's events up to that head that the page does not carry.
public struct ChainProof: Hashable, Sendable {
    public var signature: ChainSignature
    /// Body digests (``EventChain/bodyDigest(of:)``) by sequence number.
    public var digests: [Int64: Data]

    public init(signature: ChainSignature, digests: [Int64: Data] = [:]) {
        self.signature = signature
        self.digests = digests
    }
}

/// An event that does not check out against its device's chain or signature, and why.
public struct ChainProblem: Hashable, Sendable, CustomStringConvertible {
    public var device: UUID
    public var cseq: Int64
    /// The event's id, when it is held.
    public var event: UUID?
    public var reason: Phrase

    public init(device: UUID, cseq: Int64, event: UUID?, reason: Phrase) {
        self.device = device
        self.cseq = cseq
        self.event = event
        self.reason = reason
    }

    public var description: String {
        "event \(event.map { $0.uuidString.lowercased() } ?? "-") (device \(device.uuidString.lowercased()) #\(cseq)): \(reason)"
    }
}

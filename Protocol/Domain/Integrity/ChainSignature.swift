import Crypto
import Foundation
import LantianFraming

/// A device's signature over its hash chain at one of its events (the head): whoever holds the
/// device key vouches for every event of the device up to and including that one.
///
/// Signing the head of each pushed batch, rather than each event, costs one Ed25519 signature and
/// one verification per batch; the chain of hashes binds the rest.
public struct ChainSignature: Hashable, Sendable {
    public static let bytes = 64

    public var device: UUID
    /// The sequence number of the head event.
    public var cseq: Int64
    /// The Ed25519 signature over ``message(device:cseq:hash:)``.
    public var signature: Data

    public init(device: UUID, cseq: Int64, signature: Data) {
        self.device = device
        self.cseq = cseq
        self.signature = signature
    }

    /// Signs `device`'s chain whose event `cseq` hashes to `hash`.
    public init(signing hash: Data, device: UUID, cseq: Int64, with key: DeviceKey) throws {
        self.init(device: device, cseq: cseq, signature: try key.sign(Self.message(device: device, cseq: cseq, hash: hash)))
    }

    /// Whether this signature is `publicKey`'s over the chain head hashing to `hash`.
    public func isValid(for hash: Data, publicKey: Data) -> Bool {
        DeviceKey.isValid(signature, of: Self.message(device: device, cseq: cseq, hash: hash), publicKey: publicKey)
    }

    /// What is signed: a domain tag, the device, the head's sequence number and its hash.
    static func message(device: UUID, cseq: Int64, hash: Data) -> Data {
        var writer = ByteWriter(capacity: 64)
        writer.write("lantian.head.v1")
        writer.write(device)
        writer.write(cseq)
        writer.write(hash)
        return Data(writer.bytes)
    }
}

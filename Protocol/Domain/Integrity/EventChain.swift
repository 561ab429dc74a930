import Crypto
import LantianFraming
import Foundation

/// Each device's events form a hash chain: every event carries the hash of the device's previous
/// one, so an event altered, removed or moved breaks the chain after it.
///
/// An event's hash is `SHA-256(tag ‖ previous ‖ bodyDigest)`, where the body digest covers every
/// field the device recorded except `previous`. Keeping the body digest separate lets a verifier
/// carry the chain across events it does not hold, knowing only their digests (a ``ChainProof``).
///
/// ```swift
/// let hash = EventChain.hash(of: event)          // what the device's next event carries as `previous`
/// EventChain.links(previous: hash, to: next)      // whether `next` follows `event`
/// ```
public enum EventChain {
    /// The `previous` of a device's first event.
    public static let genesis = Data(repeating: 0, count: 32)
    public static let hashBytes = 32

    /// The SHA-256 of everything the device recorded in `event` except `previous`.
    public static func bodyDigest(of event: Event) -> Data {
        var writer = ByteWriter(capacity: 128 + event.actor.utf8.count + event.type.rawValue.utf8.count + event.payload.count)
        writer.write(event.id)
        writer.write(event.device)
        writer.write(event.cseq)
        writer.write(event.actor)
        writer.write(event.hlc.packed)
        writer.write(event.recordedAt.millisecondsSince1970)
        writer.write(event.subject)
        writer.write(event.type.rawValue)
        writer.write(event.schema)
        writer.write(event.payload)
        return Data(SHA256.hash(data: writer.bytes))
    }

    /// The hash of an event whose predecessor hashes to `previous` and whose body digest is `bodyDigest`.
    public static func hash(previous: Data, bodyDigest: Data) -> Data {
        var hasher = SHA256()
        hasher.update(data: Self.tag)
        hasher.update(data: previous)
        hasher.update(data: bodyDigest)
        return Data(hasher.finalize())
    }

    public static func hash(of event: Event) -> Data {
        hash(previous: event.previous, bodyDigest: bodyDigest(of: event))
    }

    /// The hash at the end of `events`, which must follow one another from one whose hash is
    /// `start`; `nil` if one of them does not carry the hash of the one before.
    public static func head(of events: some Sequence<Event>, after start: Data) -> Data? {
        var running = start
        for event in events {
            guard event.previous == running else { return nil }
            running = hash(of: event)
        }
        return running
    }

    private static let tag = Data("lantian.event.v1".utf8)
}

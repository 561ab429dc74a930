import Foundation
import LantianDomain
import LantianFraming

/// The server accepts a session.
public struct Welcome: Hashable, Sendable {
    /// The protocol version both sides now speak.
    public var version: UInt16
    /// The server database's identity, fixed when it was created; a change means it was restored or replaced.
    public var epoch: UUID
    public var limits: WireLimits
    /// The highest sequence number of the client's device that the server holds.
    public var acknowledgedCseq: Int64
    /// The id of the event the server holds at `acknowledgedCseq` (`nil` for none): a device whose
    /// own event there differs, or that has recorded less, was restored from an older copy of its store.
    public var acknowledgedEvent: UUID?
    /// The server's highest global sequence number.
    public var head: Int64
    /// Whether the server holds the client's cursor event at the client's cursor; if not, the client
    /// pulls again from 0 (a server restored from an older backup numbers new events afresh).
    public var cursorKnown: Bool
    /// The server's wall clock as it sent welcome, for the client to warn its user of a wrong clock.
    public var clock: Timestamp
    /// Version 5: the TLS key the server will move to (the SHA-256 of its SubjectPublicKeyInfo),
    /// announced inside a TLS session the current key authenticated; devices pin it as well.
    public var nextServerTLSKey: Data?

    /// The size of a TLS key fingerprint.
    public static let tlsKeyBytes = 32

    public init(version: UInt16, epoch: UUID, limits: WireLimits, acknowledgedCseq: Int64, acknowledgedEvent: UUID? = nil,
                head: Int64 = 0, cursorKnown: Bool = true, clock: Timestamp = Timestamp(millisecondsSince1970: 0)) {
        self.version = version
        self.epoch = epoch
        self.limits = limits
        self.acknowledgedCseq = acknowledgedCseq
        self.acknowledgedEvent = acknowledgedEvent
        self.head = head
        self.cursorKnown = cursorKnown
        self.clock = clock
    }
}

import Foundation
import LantianDomain
import LantianFraming

/// The client opens a session: the protocol versions it speaks, who it is, and how far it has recorded.
public struct Hello: Hashable, Sendable {
    public var versions: ClosedRange<UInt16>
    public var device: UUID
    /// The device id the key was enrolled under. The same as `device` unless the store was
    /// restored from an older copy and took a new device id (PROTOCOL.md, *Restored devices*).
    public var credential: UUID
    public var actor: String
    /// The device key's signature over ``SessionProof/hello(nonce:credential:device:)``.
    public var proof: Data
    /// The highest sequence number the device has recorded (0 for none): with what the server holds,
    /// it tells supervisors how many of the device's events are still waiting to arrive.
    public var recordedCseq: Int64
    /// The client's pull cursor (0 for none) and the id of the event it pulled at that position:
    /// the server checks it still holds that event there, which a server restored from an older
    /// backup does not.
    public var cursor: Int64
    public var cursorEvent: UUID?
    /// The device's wall clock as it sent hello: the server compares it with its own to flag a
    /// device whose clock is wrong (nothing is refused for it).
    public var clock: Timestamp

    public init(versions: ClosedRange<UInt16>, device: UUID, credential: UUID? = nil, actor: String, proof: Data = Data(),
                recordedCseq: Int64 = 0, cursor: Int64 = 0, cursorEvent: UUID? = nil,
                clock: Timestamp = Timestamp(millisecondsSince1970: 0)) {
        self.versions = versions
        self.device = device
        self.credential = credential ?? device
        self.actor = actor
        self.proof = proof
        self.recordedCseq = recordedCseq
        self.cursor = cursor
        self.cursorEvent = cursorEvent
        self.clock = clock
    }
}

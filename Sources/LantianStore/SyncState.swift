import Foundation
import LantianDomain

/// How far a client has synced with its server.
public struct SyncState: Hashable, Sendable {
    /// The epoch of the server last synced with; a different one means the server was replaced.
    public var serverEpoch: UUID?
    /// The highest global sequence number pulled and stored.
    public var cursor: Int64
    /// The id of the event pulled at `cursor`.
    public var cursorEvent: UUID?
    /// The highest of this device's sequence numbers the server has acknowledged.
    public var acknowledgedCseq: Int64
    /// When the last sync finished.
    public var lastSyncAt: Timestamp?
}

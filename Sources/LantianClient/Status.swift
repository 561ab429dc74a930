import Foundation
import LantianDomain
import LantianSessions
import LantianWire
import LantianStore
import LantianSync
import LantianTransport

/// What `lantian status` shows.
public struct Status: Sendable {
    public enum Reachability: Sendable {
        case reachable(epoch: UUID?)
        case unreachable(SyncError)
    }

    public var device: LocalDevice
    /// The user as the synced directory knows them; `nil` before the first sync.
    public var user: UserRegistered?
    /// The name of the user's grid node.
    public var scopeName: String?
    /// This device's events the server has not acknowledged.
    public var pending: Int
    /// Photos kept on this device that the server does not hold whole yet.
    public var attachmentsWaiting: Int
    /// This device's events the server refused for good (see `lantian quarantine`).
    public var quarantined: Int
    public var sync: SyncState
    public var eventCount: Int
    /// `nil` when not probed or no server is configured.
    public var reachability: Reachability?
    /// The store's own figures disagree (its events counted two ways): a damaged file.
    public var looksDamaged = false
}

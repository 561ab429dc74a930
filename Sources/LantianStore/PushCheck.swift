import Foundation
import GRDB
import LantianDomain
import LantianWire

/// What the server checks every pushed event against: the pushing device's key, who its user is
/// (their role and scope), and the grid that places what they record.
public struct PushCheck: Sendable {
    public var publicKey: Data
    public var user: UserRegistered
    public var scope: GridScope
    public var grid: Grid
    /// Whether the batch's hash chain and signature are checked. Always on in the server; off only
    /// in the benchmark that measures what checking them costs.
    public var verifiesChain: Bool

    public init(publicKey: Data, user: UserRegistered, grid: Grid, verifiesChain: Bool = true) {
        self.publicKey = publicKey
        self.user = user
        self.grid = grid
        scope = GridScope(user: user, grid: grid)
        self.verifiesChain = verifiesChain
    }
}

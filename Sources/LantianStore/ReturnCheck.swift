import Foundation
import GRDB
import LantianDomain
import LantianWire

/// What the server checks returned events against: every device's enrolment (a device enrolled
/// with the server key is the server's own), the users and the grid.
public struct ReturnCheck: Sendable {
    public var keys: DeviceKeys
    public var serverKey: Data
    public var directory: Directory
    public var grid: Grid

    public init(keys: DeviceKeys, serverKey: Data, directory: Directory, grid: Grid) {
        self.keys = keys
        self.serverKey = serverKey
        self.directory = directory
        self.grid = grid
    }
}

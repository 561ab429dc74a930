import Foundation
import LantianDomain
import LantianFraming

/// The server enrolled the device for `user`; the client keeps the server's device and key to
/// check the server's own events (the grid, users, enrolments) with.
public struct Enrolled: Hashable, Sendable {
    public var user: String
    public var serverDevice: UUID
    public var serverKey: Data

    public init(user: String, serverDevice: UUID, serverKey: Data) {
        self.user = user
        self.serverDevice = serverDevice
        self.serverKey = serverKey
    }
}

import Foundation
import LantianDomain
import LantianFraming

/// Events of `device` (not the session's own) that the server lost when it was restored from a
/// backup and this client holds, going on from where the server's chain of that device ends, with
/// the device's signature over the last (one the client received with a page).
public struct Return: Hashable, Sendable {
    public var device: UUID
    public var events: [Event]
    public var signature: Data

    public init(device: UUID, events: [Event], signature: Data) {
        self.device = device
        self.events = events
        self.signature = signature
    }
}

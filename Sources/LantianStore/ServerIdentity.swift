import Foundation
import LantianDomain

/// The server's own device in its store, and the key it signs its own events with (the grid,
/// users, enrolments, blob arrivals, sync reports). Every client checks those events against the
/// public half, which it learns when it enrols.
public struct ServerIdentity: Sendable {
    public let device: LocalDevice
    public let key: DeviceKey

    /// The identity of the server whose store is `store`: its device (made on first use) and its
    /// key in the key file next to the store (made with the device). A new key is enrolled at once,
    /// as the server's own first event (at `now`), so replicas can check everything it records.
    public static func of(_ store: EventStore, actor: String = "lantiand", now: Timestamp = .now()) throws -> ServerIdentity {
        let key = try KeyFile.readOrCreate(KeyFile.path(forStore: store.path))
        let device = try store.localDevice() ?? store.setUpLocalDevice(actor: actor, server: nil)
        let identity = ServerIdentity(device: device, key: key)
        try store.enrolServerIfNeeded(identity, now: now)
        return identity
    }

    /// The same device acting for `actor` (an administrator's records name the administrator).
    public func acting(as actor: String) -> ServerIdentity {
        var device = device
        device.actor = actor
        return ServerIdentity(device: device, key: key)
    }
}

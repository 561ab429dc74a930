import Foundation

/// An administrator revoked a device's key (a lost or stolen phone): it is refused from its next
/// connection. What it recorded before stays valid and attributed. The subject is the credential.
public struct DeviceRevoked: EventPayload, Hashable {
    public static let eventType: EventType = "device.revoked"
    public static let schema: UInt16 = 1

    /// The device id the key was enrolled under; every device id continuing it is revoked with it.
    public var credential: UUID
    public var reason: String

    public init(credential: UUID, reason: String) {
        self.credential = credential
        self.reason = reason
    }
}

extension DeviceRevoked {
    public static let definition = EventDefinition(
        DeviceRevoked.self, chinese: "设备吊销", english: "device revoked", recorders: .server, subject: .defines,
        example: DeviceRevoked(credential: UUID(uuidString: "0192f0c4-0000-7000-8000-00000000d001")!, reason: "手机丢失"))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.text(reason, "reason", max: Check.longText)
    }

    public func placement(of event: Event) -> PlacementClaim { .everyone }
}

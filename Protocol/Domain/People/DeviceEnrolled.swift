import Foundation

/// The server enrolled a device for a user: from now on the device signs what it records with the
/// key whose public half this is. Recorded by the server; the subject is the device.
///
/// A device restored from an older copy of its store carries on under a new device id with the
/// same key: it is enrolled again under its original `credential`.
public struct DeviceEnrolled: EventPayload, Hashable {
    public static let eventType: EventType = "device.enrolled"
    public static let schema: UInt16 = 1

    public var device: UUID
    public var user: String
    public var publicKey: Data
    /// The device id the key was first enrolled under (the device itself, unless it was restored).
    public var credential: UUID

    public init(device: UUID, user: String, publicKey: Data, credential: UUID? = nil) throws(InvalidValue) {
        guard publicKey.count == DeviceKey.publicKeyBytes else { throw InvalidValue(field: "publicKey", rule: .notAKey) }
        self.device = device
        self.user = user
        self.publicKey = publicKey
        self.credential = credential ?? device
    }

    private enum CodingKeys: String, CodingKey { case device, user, publicKey, credential }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(device: try container.decode(UUID.self, forKey: .device), user: try container.decode(String.self, forKey: .user),
                      publicKey: try container.decode(Data.self, forKey: .publicKey),
                      credential: try container.decode(UUID.self, forKey: .credential))
    }
}

extension DeviceEnrolled {
    public static let definition = EventDefinition(
        DeviceEnrolled.self, chinese: "设备入网", english: "device enrolled", recorders: .server, subject: .defines,
        example: try! DeviceEnrolled(device: UUID(uuidString: "0192f0c4-0000-7000-8000-00000000d001")!, user: "officer.zhang",
                                     publicKey: Data(repeating: 0x4B, count: DeviceKey.publicKeyBytes)))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.text(user, "user", max: 256, required: true)
    }

    public func placement(of event: Event) -> PlacementClaim { .everyone }
}

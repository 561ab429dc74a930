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

/// Every enrolled device: whose it is, its public key, and whether it was revoked.
public struct DeviceKeys: Projection {
    public static let eventTypes: Set<EventType> = [DeviceEnrolled.eventType, DeviceRevoked.eventType]

    public struct Device: Hashable, Sendable {
        public var enrolment: DeviceEnrolled
        public var enrolledAt: Timestamp
        /// Set once its credential is revoked.
        public var revocation: Revocation?
    }

    public struct Revocation: Hashable, Sendable {
        public var at: Timestamp
        public var reason: String
    }

    public private(set) var devices: [UUID: Device] = [:]

    public init() {}

    public mutating func apply(_ event: Event) {
        switch event.type {
        case DeviceEnrolled.eventType:
            guard let enrolment = try? PayloadCodec.decode(DeviceEnrolled.self, from: event) else { return }
            devices[enrolment.device] = Device(enrolment: enrolment, enrolledAt: event.recordedAt,
                                               revocation: devices[enrolment.credential]?.revocation)
        case DeviceRevoked.eventType:
            guard let revocation = try? PayloadCodec.decode(DeviceRevoked.self, from: event) else { return }
            for (id, device) in devices where device.enrolment.credential == revocation.credential && device.revocation == nil {
                devices[id]?.revocation = Revocation(at: event.recordedAt, reason: revocation.reason)
            }
        default:
            return
        }
    }

    public subscript(device: UUID) -> Device? { devices[device] }

    /// Every device's public key, for checking signatures.
    public var publicKeys: [UUID: Data] { devices.mapValues(\.enrolment.publicKey) }
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

extension DeviceRevoked {
    public static let definition = EventDefinition(
        DeviceRevoked.self, chinese: "设备吊销", english: "device revoked", recorders: .server, subject: .defines,
        example: DeviceRevoked(credential: UUID(uuidString: "0192f0c4-0000-7000-8000-00000000d001")!, reason: "手机丢失"))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.text(reason, "reason", max: Check.longText)
    }

    public func placement(of event: Event) -> PlacementClaim { .everyone }
}

import Foundation

/// Every enrolled device: whose it is, its public key, and whether it was revoked.
public struct DeviceKeys: Projection {
    public static let eventTypes: Set<EventType> = [DeviceEnrolled.eventType, DeviceRevoked.eventType]

    public struct Device: Hashable, Sendable {
        public var enrolment: DeviceEnrolled
        public var enrolledAt: Timestamp
        /// Set once its credential is revoked.
        public var revocation: Revocation?

        public init(enrolment: DeviceEnrolled, enrolledAt: Timestamp, revocation: Revocation? = nil) {
            self.enrolment = enrolment
            self.enrolledAt = enrolledAt
            self.revocation = revocation
        }
    }

    public struct Revocation: Hashable, Sendable {
        public var at: Timestamp
        public var reason: String

        public init(at: Timestamp, reason: String) {
            self.at = at
            self.reason = reason
        }
    }

    public private(set) var devices: [UUID: Device] = [:]

    public init() {}

    /// These devices, as a store's table holds them.
    public init(devices: some Sequence<Device>) {
        for device in devices { self.devices[device.enrolment.device] = device }
    }

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

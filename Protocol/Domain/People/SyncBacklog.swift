import Foundation

/// Per device: when it last synced, and how many of its events are known to be waiting.
public struct SyncBacklog: Projection {
    public static let eventTypes: Set<EventType> = [DeviceSyncReported.eventType]

    public struct Device: Hashable, Sendable {
        public var device: UUID
        public var actor: String
        public var lastSeen: Timestamp
        public var lastSynced: Timestamp?
        public var waiting: Int64
        /// How far its clock was from the server's when last seen.
        public var clockSkew: ClockSkew?

        public init(device: UUID, actor: String, lastSeen: Timestamp, lastSynced: Timestamp? = nil, waiting: Int64, clockSkew: ClockSkew? = nil) {
            self.device = device
            self.actor = actor
            self.lastSeen = lastSeen
            self.lastSynced = lastSynced
            self.waiting = waiting
            self.clockSkew = clockSkew
        }
    }

    public private(set) var devices: [UUID: Device] = [:]

    public init() {}

    /// These devices, as a store's table holds them.
    public init(devices: some Sequence<Device>) {
        for device in devices { self.devices[device.device] = device }
    }

    public mutating func apply(_ event: Event) {
        guard let report = try? PayloadCodec.decode(DeviceSyncReported.self, from: event) else { return }
        let time = event.recordedAt
        var device = devices[report.device] ?? Device(device: report.device, actor: report.actor, lastSeen: time, waiting: 0)
        device.actor = report.actor
        device.lastSeen = time
        device.waiting = report.waiting
        device.clockSkew = report.clockSkew
        if report.synced { device.lastSynced = time }
        devices[report.device] = device
    }

    /// Devices with most waiting first, then the longest unsynced.
    public var all: [Device] {
        devices.values.sorted { lhs, rhs in
            (-lhs.waiting, lhs.lastSynced?.millisecondsSince1970 ?? 0, lhs.actor) < (-rhs.waiting, rhs.lastSynced?.millisecondsSince1970 ?? 0, rhs.actor)
        }
    }
}

import Foundation

/// The server saw a device: when, who used it, how far it had recorded and how far the server holds.
/// Recorded by the server itself at the end of a session that synced, or that changed what is waiting.
/// Its time is the server's own clock (`recordedAt`), which a device's wrong clock cannot move.
public struct DeviceSyncReported: EventPayload, Hashable {
    public static let eventType: EventType = "device.sync.reported"
    public static let schema: UInt16 = 1

    public var device: UUID
    public var actor: String
    /// The device's highest recorded sequence number, as it said in hello.
    public var recordedCseq: Int64
    /// The highest of its sequence numbers the server holds.
    public var acknowledgedCseq: Int64
    /// Whether the session pushed or pulled (a sync), rather than only said hello (a status check).
    public var synced: Bool
    /// How far the device's clock was from the server's (absent when the device did not say).
    public var clockSkew: ClockSkew?

    public init(device: UUID, actor: String, recordedCseq: Int64, acknowledgedCseq: Int64, synced: Bool,
                clockSkew: ClockSkew? = nil) {
        self.device = device
        self.actor = actor
        self.recordedCseq = recordedCseq
        self.acknowledgedCseq = acknowledgedCseq
        self.synced = synced
        self.clockSkew = clockSkew
    }

    /// Events the device had recorded that the server did not hold yet.
    public var waiting: Int64 { max(recordedCseq.subtractingReportingOverflow(acknowledgedCseq).partialValue, 0) }

    /// How old the last report of a device may grow before a session that changed nothing reports
    /// again: a day, so that when a device was last seen is never further off than that.
    public static let refreshAfter: Int64 = 86_400_000

    /// Whether a session that ended at `now`, having stored `stored` of the device's events, is worth
    /// a report after `last` (the device's last report and when it was recorded): only if it tells
    /// supervisors something new. So a sync that moves nothing records nothing, and syncs come to rest.
    public func isWorthRecording(after last: (report: DeviceSyncReported, at: Timestamp)?, stored: Int, now: Timestamp) -> Bool {
        guard let last else { return true }
        return stored > 0 || waiting != last.report.waiting || clockSkew?.isFlagged != last.report.clockSkew?.isFlagged
            || (synced && !last.report.synced) || now.milliseconds(since: last.at) > Self.refreshAfter
    }
}

extension DeviceSyncReported {
    public static let definition = EventDefinition(
        DeviceSyncReported.self, chinese: "设备同步报告", english: "device sync report", recorders: .server, subject: .defines,
        example: DeviceSyncReported(device: UUID(uuidString: "0192f0c4-0000-7000-8000-00000000d001")!, actor: "officer.zhang",
                                    recordedCseq: 12, acknowledgedCseq: 12, synced: true, clockSkew: nil))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.text(actor, "user", max: 256, required: true)
        guard recordedCseq >= 0 else { throw InvalidValue(field: "recordedCseq", rule: .outOfRange(min: 0, max: .infinity)) }
        guard acknowledgedCseq >= 0 else { throw InvalidValue(field: "acknowledgedCseq", rule: .outOfRange(min: 0, max: .infinity)) }
    }

    /// A report is seen by whoever sees its user's work.
    public func placement(of event: Event) -> PlacementClaim { .scopeOf(user: actor) }
}

/// The times an event may carry: what every replica checks where an event enters (a server
/// accepting a push, a device storing a pulled page or recording its own), so that no accepted
/// event can bring a replica's clock, views or arithmetic to an impossible place (EVENTS.md,
/// *Bounds*).
///
/// ```swift
/// if let refusal = EventBounds.refusal(of: event, receivedAt: now) { quarantine(event, refusal) }
/// ```
public enum EventBounds {
    /// 2000-01-01T00:00:00Z: no record of this campaign is older.
    public static let earliest = Timestamp(millisecondsSince1970: 946_684_800_000)
    /// How far an event's clock (`hlc` wall time, `recordedAt`) may run ahead of the server's clock
    /// when it arrives: 48 hours. A device a day off still syncs; one a year off is refused.
    public static let maxAheadOfServer: Int64 = 48 * 3_600_000
    /// How far a time in a payload (a fire seen, a fire put out) may be after its event was
    /// recorded: 10 minutes, for a phone set by hand.
    public static let payloadTolerance: Int64 = 10 * 60_000
    /// How far ahead of a device's own clock a clock reading it has seen may be and still count
    /// when it picks the reading for its next event: a year. Only an event accepted before these
    /// bounds existed can lie further ahead; it must not drag every later event there.
    public static let clockHorizon: Int64 = 366 * 86_400_000
    /// How far ahead of its record a deadline may lie: five years.
    public static let maxDeadlineDays = 5 * 366

    /// Why `event`'s clock cannot be right, given the server's clock when it arrived; `nil` when it
    /// can. Without `receivedAt` (a device recording, whose own clock is all it has; the server
    /// recording itself) only ``earliest`` bounds it.
    public static func refusal(of event: Event, receivedAt: Timestamp?) -> Refusal? {
        let latest = receivedAt?.adding(milliseconds: maxAheadOfServer) ?? Timestamp(millisecondsSince1970: .max)
        for (field, time) in [("hlc", event.hlc.wallTime), ("recordedAt", event.recordedAt)] where time < earliest || time > latest {
            return .implausibleClock(field: field, at: time, server: receivedAt ?? time)
        }
        return nil
    }

    /// Checks a time a payload carries: not before ``earliest``, not more than ``payloadTolerance``
    /// after `recordedAt`.
    public static func check(_ time: Timestamp, _ field: String, recordedAt: Timestamp) throws(InvalidValue) {
        guard time >= earliest else { throw InvalidValue(field: field, rule: .tooLongAgo) }
        guard time <= recordedAt.adding(milliseconds: payloadTolerance) else { throw InvalidValue(field: field, rule: .inTheFuture) }
    }
}

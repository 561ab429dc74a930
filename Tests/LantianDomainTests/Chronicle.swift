import Foundation
@testable import LantianDomain
import LantianTestSupport

/// A story told as events: each one later than the last, from one device.
struct Chronicle {
    private(set) var events: [Event] = []
    private var clock: Int64 = 1_780_000_000_000

    /// Records an event a minute after the last, or at `time` when given.
    mutating func record(_ type: EventType, about subject: UUID, _ payload: some Encodable, by actor: String = "officer.zhang",
                         at time: Timestamp? = nil) {
        clock = time?.millisecondsSince1970 ?? clock + 60_000
        events.append(Event(id: UUID(), device: Sample.device, cseq: Int64(events.count + 1), actor: actor,
                            hlc: HybridTimestamp(wallMilliseconds: clock, counter: 0), recordedAt: Timestamp(millisecondsSince1970: clock),
                            subject: subject, type: type, schema: 1, payload: try! PayloadCodec.encode(payload)))
    }

    mutating func record<Payload: EventPayload>(_ payload: Payload, about subject: UUID, by actor: String = "officer.zhang",
                                                at time: Timestamp? = nil) {
        record(Payload.eventType, about: subject, payload, by: actor, at: time)
    }
}

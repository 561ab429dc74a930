import Foundation
import LantianDomain
import LantianStore
import LantianSessions
import LantianWire
import Testing

/// A device enrolled for a user whose events are made by hand, the way a stolen or badly built phone
/// could make them: any values, yet chained and signed with its real key, so only the server's
/// rules stand between them and every replica.
public struct HandMadeDevice: Sendable {
    public let store: EventStore
    public let device: LocalDevice
    public private(set) var events: [Event] = []
    private var random = SystemRandomNumberGenerator()

    public init(_ user: String, at server: EventStore) throws {
        (store, device) = try clientStore(user, enrolledAt: server)
    }

    /// An event of `type` about `subject` carrying `payload` encoded canonically, with the clock
    /// values given (by default: now), chained after this device's last.
    public mutating func make(_ type: EventType, about subject: UUID = UUID(), payload: some Encodable, hlc: HybridTimestamp? = nil,
                              recordedAt: Timestamp = .now(), actor: String? = nil) throws -> Event {
        try make(type, about: subject, bytes: try PayloadCodec.encode(payload), hlc: hlc, recordedAt: recordedAt, actor: actor)
    }

    /// An event carrying `bytes` as its payload, whatever they are.
    public mutating func make(_ type: EventType, about subject: UUID = UUID(), bytes: Data, hlc: HybridTimestamp? = nil,
                              recordedAt: Timestamp = .now(), actor: String? = nil) throws -> Event {
        let now = Timestamp.now()
        let event = Event(id: .version7(at: now, using: &random), device: device.id, cseq: Int64(events.count + 1),
                          actor: actor ?? device.actor, hlc: hlc ?? HybridTimestamp(wallMilliseconds: now.millisecondsSince1970, counter: 0),
                          recordedAt: recordedAt, subject: subject, type: type, schema: 1, payload: bytes,
                          previous: events.last.map(EventChain.hash(of:)) ?? EventChain.genesis)
        events.append(event)
        return event
    }

    /// Pushes `events` in one signed batch through a real server session: the refusal of each,
    /// `nil` for one accepted.
    public func push(_ events: [Event], to server: EventStore) throws -> [Refusal?] {
        let (session, key) = try authenticatedSession(store, server: server)
        guard case .send(.pushAck(let ack)) = session.handle(.push(try signedPush(events, key: key))) else {
            Issue.record("the push was not acknowledged")
            return []
        }
        let refused = Dictionary(ack.rejected.map { ($0.id, Refusal(wire: $0.reason)) }) { first, _ in first }
        return events.map { refused[$0.id] }
    }
}

import Foundation
import LantianDomain
import LantianWire
import LantianStore

/// A field device the benchmark plays without a store of its own, to fill a server with the
/// records of many: it makes events as recording does (next sequence number, a later clock, the
/// hash chain) and pushes them signed, through the server's own acceptance (`EventStore.accept`).
struct SimulatedDevice {
    let id = UUID()
    let user: UserRegistered
    let key = DeviceKey()
    private var cseq: Int64 = 0
    private var previous = EventChain.genesis
    private var clock = HybridTimestamp.zero

    init(user: UserRegistered) { self.user = user }

    /// Enrols this device at `server` at `now` (a redeemed one-time code).
    func enrol(at server: EventStore, identity: ServerIdentity, now: Timestamp = .now()) throws {
        try BenchGrid.enrol(id, key: key, as: user.name, at: server, identity: identity, now: now)
    }

    /// Events for `drafts`, chained on from this device's last.
    private mutating func record(_ drafts: [EventDraft], now: Timestamp) -> [Event] {
        var random = SystemRandomNumberGenerator()
        return drafts.map { draft in
            cseq += 1
            clock = clock.next(now: now)
            let event = Event(id: .version7(at: now, using: &random), device: id, cseq: cseq, actor: user.name, hlc: clock,
                              recordedAt: now, subject: draft.subject, type: draft.type, schema: draft.schema,
                              payload: draft.payload, previous: previous)
            previous = EventChain.hash(of: event)
            return event
        }
    }

    /// Records `drafts` and signs them as pushes of at most 1,000 events, as the device sends them.
    mutating func pushes(_ drafts: [EventDraft], now: Timestamp) throws -> [Push] {
        try stride(from: 0, to: drafts.count, by: 1_000).map { start in
            let events = record(Array(drafts[start..<min(start + 1_000, drafts.count)]), now: now)
            let last = events[events.count - 1]
            return Push(events: events, signature: try ChainSignature(signing: EventChain.hash(of: last), device: id, cseq: last.cseq,
                                                                      with: key).signature)
        }
    }

    /// What the server checks this device's pushes against, as the session does after its hello.
    func check(in grid: Grid, verifyingChain: Bool = true) -> PushCheck {
        PushCheck(publicKey: key.publicKey, user: user, grid: grid, verifiesChain: verifyingChain)
    }
}

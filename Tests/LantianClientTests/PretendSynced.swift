import Foundation
import LantianDomain
import LantianWire
import LantianStore
@testable import LantianClient

/// A set-up field client in a fresh folder.
func freshClient(user: String = "officer.zhang") throws -> FieldClient {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lantian-client-\(UUID())")
    let client = try FieldClient(databasePath: folder.appendingPathComponent("field.sqlite").path)
    _ = try client.setUp(actor: user, server: "127.0.0.1:1")
    return client
}

/// Stores `payloads` in the client as if pulled from a server: an administrator's events, in order.
func pretendSynced(_ client: FieldClient, _ payloads: [(subject: UUID, type: EventType, payload: any Encodable)]) throws {
    let server = UUID()
    let now = Timestamp.now()
    let events = try payloads.enumerated().map { index, entry in
        AcceptedEvent(event: Event(id: UUID(), device: server, cseq: Int64(index + 1), actor: "admin",
                                   hlc: HybridTimestamp(wallMilliseconds: now.millisecondsSince1970 - 60_000, counter: UInt16(index)),
                                   recordedAt: now, subject: entry.subject, type: entry.type, schema: 1,
                                   payload: try PayloadCodec.encode(entry.payload)),
                      sseq: Int64(index + 1), receivedAt: now)
    }
    try client.store.storePulled(Page(events: events, head: Int64(events.count)))
}

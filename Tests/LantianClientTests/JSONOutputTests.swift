import Foundation
import LantianDomain
import Testing
@testable import LantianClient

/// What `--json` prints is for people and programs alike: reasons in words, rules as names.
@Suite struct JSONOutputTests {
    /// A conflict's reason was a Swift debug string (`wrongState(LantianProtocol.TicketState.rectifying, …)`).
    @Test func aConflictIsGivenAsItsRuleAndInWords() throws {
        let ticket = UUID()
        var clock: Int64 = 1_780_000_000_000
        func event(_ type: EventType, _ subject: UUID, _ payload: some Encodable, by actor: String) throws -> Event {
            clock += 60_000
            return Event(id: UUID(), device: UUID(), cseq: 1, actor: actor, hlc: HybridTimestamp(wallMilliseconds: clock, counter: 0),
                         recordedAt: Timestamp(millisecondsSince1970: clock), subject: subject, type: type, schema: 1, payload: try PayloadCodec.encode(payload))
        }
        let events = [
            try event(UserRegistered.eventType, UUID(), UserRegistered(name: "staff.wang", role: .townshipStaff, scope: "371502001"), by: "admin"),
            try event(UserRegistered.eventType, UUID(), UserRegistered(name: "supervisor.zhao", role: .supervisor, scope: "371502"), by: "admin"),
            try event(TicketReported.eventType, ticket, TicketReported(category: .dust, node: "371502001001", title: "渣土"), by: "officer.zhang"),
            try event(TicketStep.Kind.assigned.eventType, ticket, TicketStep(assignee: "staff.wang", deadline: Timestamp(millisecondsSince1970: clock + 86_400_000)), by: "staff.wang"),
            try event(TicketStep.Kind.rectificationStarted.eventType, ticket, TicketStep(), by: "staff.wang"),
            try event(TicketStep.Kind.verified.eventType, ticket, TicketStep(), by: "supervisor.zhao"),
        ]
        let folded = try #require(Tickets.fold(events)[ticket])
        let json = try JSONOutput.render(JSONOutput.TicketRecord(folded, now: Timestamp(millisecondsSince1970: clock), arrived: ReceivedAttachments(),
                                                                 texts: Texts(.chinese)))
        #expect(json.contains(#""rule" : "wrongState""#) && json.contains("问题当前为“整改中”，不能执行“核查销号”"), "\(json)")
        #expect(!json.contains("LantianProtocol"))
    }
}

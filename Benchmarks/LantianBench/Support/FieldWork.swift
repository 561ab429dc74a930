import Foundation
import LantianDomain

/// What the benchmarks' devices record, as in the field: a patrol finds a straw fire (a fire
/// point, and the issue it opens); township staff assign, rectify and report it; the county
/// supervisor verifies and closes it out. Payloads are the real ones, of realistic size.
enum FieldWork {
    /// The grid officer's two records for one fire, seen a little before `now`: the fire point and the issue it opens.
    static func fire(_ number: Int, in cell: String, now: Timestamp = .now(), evidence: [Evidence] = []) throws -> [EventDraft] {
        let location = try GeoPoint(latitude: 36.40 + Double(number % 1000) / 100_000, longitude: 115.90 + Double(number % 997) / 100_000)
        let observed = now.adding(milliseconds: -Int64(10 + number % 120) * 60_000)
        let point = UUID()
        let report = try FirePointReport(location: location, node: cell, observedAt: observed, note: "巡查发现麦茬焚烧，已现场处置 #\(number)",
                                         evidence: evidence)
        let issue = TicketReported(category: .strawBurning, node: cell, title: "秸秆焚烧 #\(number)", location: location, origin: point,
                                   note: "火点已扑灭，待落实责任")
        return [try EventDraft(subject: point, payload: report), try EventDraft(subject: UUID(), payload: issue)]
    }

    /// Township staff's three steps on an issue, at `now`: assigned (due in a week), rectification started and reported.
    static func rectification(of ticket: UUID, by staff: String, now: Timestamp) throws -> [EventDraft] {
        let deadline = now.adding(milliseconds: 7 * 86_400_000)
        return [
            try EventDraft(subject: ticket, kind: TicketStep.Kind.assigned, schema: TicketStep.schema,
                           payload: TicketStep(note: "请村委会落实整改", assignee: staff, deadline: deadline)),
            try EventDraft(subject: ticket, kind: TicketStep.Kind.rectificationStarted, schema: TicketStep.schema,
                           payload: TicketStep(note: "已开始整改")),
            try EventDraft(subject: ticket, kind: TicketStep.Kind.rectificationReported, schema: TicketStep.schema,
                           payload: TicketStep(note: "已整改完毕，申请销号")),
        ]
    }

    /// The supervisor's close-out of an issue after verifying on site.
    static func closeOut(_ ticket: UUID) throws -> EventDraft {
        try EventDraft(subject: ticket, kind: TicketStep.Kind.verified, schema: TicketStep.schema, payload: TicketStep(note: "现场核查属实，予以销号"))
    }
}

import Foundation
import LantianDomain

/// 一案双查 inquiries into the office answering for a place (supervisors only).
extension FieldClient {
    public func inquiries() throws -> Inquiries { try store.project(Inquiries.self) }

    /// Opens an inquiry into the office at `node` (or `person` there), prompted by the record `prompt` names, if any.
    public func openInquiry(node: String, person: String?, prompt reference: String?, reason: String, now: Timestamp) throws -> UUID {
        guard let node = try placeNode(node, location: nil) else { throw FieldError.gridNotSynced }
        let prompt = try reference.map { try resolve($0, among: try store.tickets(TicketFilter(includeClosed: true), now: now).map(\.id)) }
        let inquiry = newSubject(now)
        _ = try record([try EventDraft(subject: inquiry, payload: InquiryOpened(node: node, person: person, prompt: prompt, reason: reason))], now: now)
        return inquiry
    }

    /// Records findings, or the conclusion, of the inquiry `reference` names; refused once it is concluded.
    public func recordInquiryStep(_ reference: String, kind: InquiryStep.Kind, step: InquiryStep, now: Timestamp) throws -> Inquiries.Inquiry {
        let (id, inquiry) = try find(reference, in: try inquiries().inquiries)
        guard inquiry.isOpen else { throw FieldError.inquiryConcluded(inquiry.outcome?.name(in: .chinese) ?? "") }
        if kind == .concluded {
            guard step.outcome != nil else { throw InvalidValue(field: "outcome", rule: .empty) }
            guard step.outcome == .fulfilled || step.responsible != nil else { throw InvalidValue(field: "responsible", rule: .empty) }
        }
        _ = try record([try EventDraft(subject: id, kind: kind, schema: InquiryStep.schema, payload: step)], now: now)
        return try find(id, in: try inquiries().inquiries)
    }
}

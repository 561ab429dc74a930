import Foundation
import LantianDomain


/// The issue workflow (排查 → 交办 → 整改 → 核查 → 销号) on this device.
extension FieldClient {
    /// Reports an issue found in the field; the user must be one who may report (a grid officer).
    public func reportTicket(category: InspectionCategory, node: String?, location: GeoPoint?, title: String, note: String,
                             evidence: [Evidence], now: Timestamp) throws -> Event {
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw InvalidValue(field: "title", rule: .empty) }
        guard let node = try placeNode(node, location: location) else { throw FieldError.gridNotSynced }
        let report = TicketReported(category: category, node: node, title: title, location: location, note: note, evidence: evidence,
                                    referral: try isReferral(node))
        let role = try requireRole()
        guard TicketWorkflow.mayReport(report, role: role) else { throw FieldError.stepRefused(.roleNotAllowed(role, step: "reported")) }
        return try record([try EventDraft(subject: newSubject(now), payload: report)], now: now)[0]
    }

    /// Takes one workflow step on the ticket `reference` names, after checking that this user may
    /// take it from the ticket's state now; refused steps write nothing.
    public func takeStep(_ kind: TicketStep.Kind, on reference: String, _ step: TicketStep, now: Timestamp) throws -> Ticket {
        let (id, ticket) = try findTicket(reference)
        let role = try requireRole()
        let next: Ticket
        do {
            next = try TicketWorkflow.apply(kind, step, by: role, to: ticket, at: now)
            if kind == .assigned, let assignee = step.assignee {
                try TicketWorkflow.checkAssignee(assignee, for: ticket.report.node, directory: try store.directory(), grid: try store.grid())
            }
            if kind == .verified, let origin = ticket.report.origin {
                try TicketWorkflow.checkCloseOut(of: ticket, enterprise: try store.enterprises().byID[origin])
            }
        } catch let error as TicketRuleViolation {
            throw FieldError.stepRefused(error)
        }
        _ = try record([try EventDraft(subject: id, kind: kind, schema: TicketStep.schema, payload: step)], now: now)
        return next
    }

    /// Tickets matching `filter`, oldest first, as lists show them.
    public func tickets(_ filter: TicketFilter = TicketFilter(), now: Timestamp) throws -> [TicketSummary] {
        try store.tickets(filter, now: now)
    }

    /// The last `count` reported of the issues `filter` selects (in report order), and how many it selects.
    public func latestTickets(_ filter: TicketFilter, count: Int, now: Timestamp) throws -> (tickets: [TicketSummary], total: Int) {
        try store.latestTickets(filter, count: count, now: now)
    }

    /// Each ticket of `summaries` whole (history, conflicts, evidence), in the same order.
    public func wholeTickets(_ summaries: [TicketSummary]) throws -> [Ticket] {
        try store.tickets(summaries.map(\.id))
    }

    /// The ticket `reference` names.
    public func ticket(_ reference: String) throws -> Ticket {
        try findTicket(reference).ticket
    }

    /// The ticket `reference` names, and its id.
    private func findTicket(_ reference: String) throws -> (id: UUID, ticket: Ticket) {
        let id = try resolve(reference, among: try store.ticketIDs(matching: reference))
        guard let ticket = try store.ticket(id) else { throw FieldError.noSuchRecord(reference) }
        return (id, ticket)
    }
}

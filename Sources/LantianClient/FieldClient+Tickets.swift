import Foundation
import LantianDomain

/// Which tickets a list shows.
public struct TicketFilter: Sendable {
    public var state: TicketState?
    public var category: InspectionCategory?
    /// A grid node: tickets in it or below it.
    public var node: String?
    public var overdueOnly = false
    public var includeClosed = false

    public init(state: TicketState? = nil, category: InspectionCategory? = nil, node: String? = nil,
                overdueOnly: Bool = false, includeClosed: Bool = false) {
        self.state = state
        self.category = category
        self.node = node
        self.overdueOnly = overdueOnly
        self.includeClosed = includeClosed
    }
}

/// The issue workflow (排查 → 交办 → 整改 → 核查 → 销号) on this device.
extension FieldClient {
    /// Reports an issue found in the field; the user must be one who may report (a grid officer).
    public func reportTicket(category: InspectionCategory, node: String?, location: GeoPoint?, title: String, note: String,
                             evidence: [Evidence], now: Timestamp) throws -> Event {
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw InvalidValue(field: "title", rule: .empty) }
        guard let node = try placeNode(node, location: location) else { throw FieldError.gridNotSynced }
        let report = TicketReported(category: category, node: node, title: title, location: location, note: note, evidence: evidence)
        let role = try requireRole()
        guard TicketWorkflow.mayReport(report, role: role) else { throw FieldError.stepRefused(.roleNotAllowed(role, step: "reported")) }
        return try record([try EventDraft(subject: newSubject(now), payload: report)], now: now)[0]
    }

    /// Takes one workflow step on the ticket `reference` names, after checking that this user may
    /// take it from the ticket's state now; refused steps write nothing.
    public func takeStep(_ kind: TicketStep.Kind, on reference: String, _ step: TicketStep, now: Timestamp) throws -> Ticket {
        let tickets = try store.project(Tickets.self)
        let (id, ticket) = try find(reference, in: tickets.byID)
        let role = try requireRole()
        let next: Ticket
        do {
            next = try TicketWorkflow.apply(kind, step, by: role, to: ticket, at: now)
        } catch {
            throw FieldError.stepRefused(error)
        }
        _ = try record([try EventDraft(subject: id, kind: kind, schema: TicketStep.schema, payload: step)], now: now)
        return next
    }

    /// Tickets matching `filter`, oldest first.
    public func tickets(_ filter: TicketFilter = TicketFilter(), now: Timestamp) throws -> [Ticket] {
        let grid = try store.project(Grid.self)
        return try store.project(Tickets.self).all.filter { ticket in
            (filter.includeClosed || filter.state == .closed || ticket.isOpen)
                && filter.state.map { ticket.state == $0 } ?? true
                && filter.category.map { ticket.report.category == $0 } ?? true
                && filter.node.map { ticket.report.node == $0 || grid.node(ticket.report.node, isWithin: $0) } ?? true
                && (!filter.overdueOnly || ticket.isOverdue(at: now))
        }
    }

    /// The ticket `reference` names.
    public func ticket(_ reference: String) throws -> Ticket {
        let tickets = try store.project(Tickets.self)
        return try find(reference, in: tickets.byID).record
    }
}

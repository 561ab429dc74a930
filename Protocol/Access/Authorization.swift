import Foundation

/// Who may record what, where: the rules the server enforces on every pushed event, whatever the
/// client checked. An event that breaks one is quarantined with the reason, never stored.
///
/// - Only the server records the grid, users, settings, enrolments and its own reports.
/// - The issue workflow's steps belong to roles (``TicketWorkflow``); the four categories' records
///   may be made by any field role; an administrator records nothing in the field.
/// - A new record must lie within the user's scope; a record about an existing one (a ticket's
///   next step) may also concern one placed only to a coarser node covering the scope.
public enum Authorization {
    /// Types only the server itself records.
    public static let serverOnly: Set<EventType> = [
        GridNodeDefined.eventType, UserRegistered.eventType, DeviceEnrolled.eventType, DeviceRevoked.eventType,
        DeviceSyncReported.eventType, AttachmentReceived.eventType, DustChecklistDefined.eventType,
        DustMonitoringThresholdSet.eventType, DustfallLimitSet.eventType, SignOffDepartmentsDefined.eventType,
    ]

    /// The roles that work in the field.
    public static let fieldRoles: Set<Role> = [.gridOfficer, .townshipStaff, .supervisor]

    /// Why `user` may not have recorded `event`, which concerns `node` (`nil` when the event names
    /// none or its record is unknown), or `nil` when they may. `payload` is the event's payload as
    /// ``EventValidation/read(_:)`` decoded it.
    public static func problem(with event: Event, payload: (any Sendable)?, by user: UserRegistered, placement: EventPlacement,
                               node: String?, scope: GridScope) -> String? {
        if event.actor != user.name {
            return "recorded as \(event.actor), but this device is enrolled for \(user.name)"
        }
        if serverOnly.contains(event.type) { return "only the server records \(event.type) (with lantiand)" }
        if let problem = roleProblem(event, payload: payload, role: user.role) { return problem }
        switch placement {
        case .unknown:
            return "this server does not know event type \(event.type): update the server before recording it"
        case .everyone, .unplaced:
            return "\(event.type) names no grid node: record it within your grid"
        case .sameAs(let subject):
            guard let node else { return "it concerns record \(subject.uuidString.lowercased()), which the server does not hold" }
            guard scope.overlaps(node) else { return outside(node, user) }
        case .node, .scopeOf:
            guard let node, scope.contains(node) else { return outside(node ?? "-", user) }
        }
        return nil
    }

    /// Whether a user with `role` may record an event of `type` (as far as its type tells).
    private static func roleProblem(_ event: Event, payload: (any Sendable)?, role: Role) -> String? {
        guard fieldRoles.contains(role) else { return "a \(role.rawValue) takes no part in field work and records nothing" }
        if event.type == TicketReported.eventType {
            guard let report = payload as? TicketReported else { return nil }
            return TicketWorkflow.mayReport(report, role: role) ? nil : "a \(role.rawValue) may not report an issue"
        }
        if let kind = TicketStep.Kind(eventType: event.type), !TicketWorkflow.roles(for: kind).contains(role) {
            return "a \(role.rawValue) may not take the step \(kind.rawValue)"
        }
        return nil
    }

    private static func outside(_ node: String, _ user: UserRegistered) -> String {
        "it concerns grid node \(node), outside \(user.name)'s scope \(user.scope)"
    }
}

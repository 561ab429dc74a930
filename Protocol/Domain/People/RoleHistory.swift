import Foundation

/// Each user's role over time, as their registrations set it: what a fold of one issue needs of
/// the directory (a user's role as it stood at each step) without folding every registration.
///
/// ```swift
/// let roles = RoleHistory([("staff.wang", registered.position, .townshipStaff)])
/// let tickets = Tickets.fold(issueEvents, roles: roles)
/// ```
public struct RoleHistory: Sendable {
    private var byUser: [String: [(position: CanonicalPosition, role: Role)]] = [:]

    public init(_ registrations: [(name: String, position: CanonicalPosition, role: Role)]) {
        for registration in registrations { byUser[registration.name, default: []].append((registration.position, registration.role)) }
        for name in byUser.keys { byUser[name]?.sort { $0.position < $1.position } }
    }

    /// The role `user` had just before `position`: that of their last registration before it.
    public func role(of user: String, before position: CanonicalPosition) -> Role? {
        byUser[user]?.last { $0.position < position }?.role
    }
}

import Foundation

/// Who records events of a type.
public enum Recorders: Hashable, Sendable {
    /// The server alone (`lantiand`): the grid, users, enrolments, settings, its own reports.
    case server
    /// Users in these roles, within their scope.
    case roles(Set<Role>)

    /// The roles that work in the field; an administrator records nothing there.
    public static let fieldRoles: Set<Role> = [.gridOfficer, .townshipStaff, .supervisor]
    /// Every role that works in the field.
    public static let field = Recorders.roles(fieldRoles)
}

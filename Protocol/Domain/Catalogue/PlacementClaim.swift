import Foundation

/// Where an event says its record lies. The server decides from it where the record really lies
/// (``Admission``): from the location and the grid where there is a location, from the record
/// its subject names where there is none.
public enum PlacementClaim: Hashable, Sendable {
    /// Reference data every device needs: the grid, the users, enrolled devices, blob arrivals.
    case everyone
    /// A record in the grid: the node it names and where it is, either of which may be missing.
    case located(node: String?, location: GeoPoint?)
    /// Where the record `subject` lies, which an event of one of `startedBy` must have started (a
    /// ticket's next step, a fire put out, a reading at its station).
    case sameAs(subject: UUID, startedBy: Set<EventType>)
    /// Where `user` works: a device's sync report is seen by whoever sees that user's work.
    case scopeOf(user: String)
}

/// How an event type relates to its subject.
public enum SubjectRule: Hashable, Sendable {
    /// The event starts its subject (a fire point reported, an enterprise registered): a subject
    /// belongs to its first record, and a second start of it is refused.
    case starts
    /// The event follows the record its subject names, which one of these types started.
    case follows(Set<EventType>)
    /// The server's own definitions of a subject (a grid node, a user, a device, a setting): the latest counts.
    case defines
}

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

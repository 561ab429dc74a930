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
    /// Where the record `subject` lies, as ``sameAs(subject:startedBy:)``, at `location`, which must
    /// lie there as far as the grid's boundaries tell (a patrol's check-in, in the patrol's cell).
    case within(subject: UUID, startedBy: Set<EventType>, location: GeoPoint)
    /// Beside the county the node `of` lies in (``GridScope/supervisionPlace(about:grid:)``), seen
    /// only by supervisors who see that county: an inquiry into the office there (一案双查).
    case supervision(of: String)
    /// Where `user` works: a device's sync report is seen by whoever sees that user's work.
    case scopeOf(user: String)
    /// The record `subject` (started by one of `startedBy`) moves to the node `to` (转办): the
    /// event lies there and where the record lay, and the record lies at `to` from then on.
    case transfers(subject: UUID, startedBy: Set<EventType>, to: String)
}

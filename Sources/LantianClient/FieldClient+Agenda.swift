import Foundation
import LantianDomain

/// What this device's user has to do now: the home screen and what a sync brings.
extension FieldClient {
    /// The user's duties among the open issues of their scope (``Agenda``); `nil` before the
    /// device knows its user (it has never synced).
    public func agenda(now: Timestamp) throws -> Agenda? {
        guard let user = try profile() else { return nil }
        return Agenda(user: user, open: try store.tickets(TicketFilter(node: user.scope), now: now), now: now,
                      retired: try store.retiredNodes())
    }
}

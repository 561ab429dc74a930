import Foundation
import GRDB
import LantianDomain

extension EventStore {
    /// `Projection` folded from every event of its types this store holds (none refused), in
    /// canonical order: for projections of a few events (alerts and their list), without a table.
    public func project<State: Projection>(_: State.Type) throws -> State {
        try read { db in
            var state = State()
            try Self.forEachEvent(db, ofTypes: State.eventTypes) { state.apply($0) }
            return state
        }
    }
}

import LantianDomain
import LantianStore

extension EventStore {
    /// The projection `P` folded from every event the store holds, in canonical order: the
    /// specification the store's tables are compared with.
    public func folded<P: Projection>(_: P.Type) throws -> P { P.fold(try allEvents()) }
}

/// A table's columns listed as an enum, read by place: rows selected with every column in
/// declaration order (``Event/columns``, ``TicketRow/selection``…) are read with `decode(atIndex:)`,
/// which skips GRDB's lookup by name (it lowercases each name, for every row).
extension CaseIterable where Self: Equatable, AllCases == [Self] {
    /// The column's place in a selection of all of them, in declaration order.
    var index: Int { Self.allCases.firstIndex(of: self) ?? 0 }
}

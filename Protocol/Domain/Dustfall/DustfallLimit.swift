import Foundation

public enum DustfallLimit {
    /// 9 t/(km²·30 d): a county's or township's average must not exceed it (seeds 001, 003).
    public static let standard = 9.0

    /// The limit for `node` in `year`: the one set for the nearest node of its lineage (itself first), else the standard.
    public static func limit(for node: String, year: Int, in grid: Grid, settings: [DustfallLimitSet]) -> Double {
        let thatYear = Dictionary(settings.filter { $0.year == year }.map { ($0.node, $0.limit) }) { _, later in later }
        return grid.nearest(thatYear, for: node) ?? standard
    }
}

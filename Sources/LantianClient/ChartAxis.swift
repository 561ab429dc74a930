import Foundation

/// A chart's value axis that reads at a glance: ticks at round steps (1, 2 or 5 times a power of
/// ten) from 0 to just above the highest value, and whole steps for counts (no "1.5 fire points").
struct ChartAxis: Hashable {
    /// The tick values, from 0 up to ``top``.
    let ticks: [Double]
    /// The axis's end: the highest tick.
    var top: Double { ticks.last ?? 1 }

    /// - Parameters:
    ///   - peak: the highest value drawn (a reference line included); non-finite or negative counts as 0.
    ///   - counts: whether the values are counts, so every step is a whole number.
    ///   - aboutTicks: about how many steps above 0.
    init(peak: Double, counts: Bool, aboutTicks: Int = 4) {
        let highest = peak.isFinite ? max(peak, 0) : 0
        var step = Self.roundStep(atLeast: highest / Double(max(aboutTicks, 1)))
        if counts { step = max(step.rounded(.up), 1) }
        let steps = max(Int((highest / step).rounded(.up)), 1)
        ticks = (0...steps).map { Double($0) * step }
    }

    /// The smallest of 1, 2, 5 × 10ⁿ not below `raw` (1 for nothing to show).
    private static func roundStep(atLeast raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        return [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw * (1 - 1e-9) } ?? 10 * magnitude
    }

    /// A tick's label: whole numbers without decimals, others with as many as the step needs.
    func label(_ value: Double) -> String {
        let step = ticks.count > 1 ? ticks[1] : 1
        let decimals = step >= 1 ? 0 : Int((-log10(step)).rounded(.up))
        return String(format: "%.\(decimals)f", value)
    }
}

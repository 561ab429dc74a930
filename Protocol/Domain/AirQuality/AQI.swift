import Foundation

/// The air-quality index of a day from its 24-hour mean concentrations (HJ 633-2012 §5): each
/// pollutant's index (IAQI) interpolated between the breakpoints of 表 1 and rounded up to a whole
/// number, the day's AQI the highest of them. A day is heavily polluted (重污染) above 200
/// (重度污染 and 严重污染, 表 2): what the seeds' 重污染天数 count.
public enum AQI {
    static let indices: [Double] = [0, 50, 100, 150, 200, 300, 400, 500]

    /// The IAQI of `pollutant` at `concentration`; `nil` for a value that is not a concentration
    /// (negative, not finite); 500 above the last breakpoint.
    public static func index(_ pollutant: AirPollutant, _ concentration: Double) -> Int? {
        guard concentration.isFinite, concentration >= 0 else { return nil }
        let points = pollutant.breakpoints
        guard let upper = points.indices.dropFirst().first(where: { concentration <= points[$0] }) else { return 500 }
        let (low, high) = (points[upper - 1], points[upper])
        let value = (indices[upper] - indices[upper - 1]) / (high - low) * (concentration - low) + indices[upper - 1]
        return Int(value.rounded(.up))
    }

    /// The day's AQI: the highest IAQI of the means given; `nil` without any.
    public static func daily(_ means: [AirPollutant: Double]) -> Int? {
        means.compactMap { index($0.key, $0.value) }.max()
    }

    /// Whether a day of `aqi` counts as a heavy-pollution day (AQI > 200).
    public static func isHeavy(_ aqi: Int) -> Bool { aqi > 200 }
}

import Foundation

/// Each county's air quality over an autumn-and-winter season to date (秋冬季, 10-01 to 03-31) against
/// its targets, and whether it keeps pace (时序进度, seed 000 §(七): a county whose improvement falls
/// behind the pace gets a warning letter, 预警通知函). A county's day is the mean of its stations'
/// daily means, its AQI from those (HJ 633-2012); its season PM2.5 the mean of its days. Keeping pace:
/// the PM2.5 mean so far at or under the target, and no more heavy days so far than the target's
/// share of the days elapsed (rounded up).
public struct AirQualityPace: Hashable, Sendable {
    public struct County: Hashable, Sendable {
        public var node: String
        public var name: String
        public var target: AirTargetSet?
        /// Days with data, and the days of the season elapsed.
        public var days: Int
        public var elapsed: Int
        public var seasonDays: Int
        public var meanPM25: Double?
        public var heavyDays: Int
        /// PM2.5 means by month, `YYYY-MM`.
        public var monthly: [String: Double]

        /// The heavy days the target allows by now.
        public var allowedHeavyDays: Int? {
            target.map { Int((Double($0.target.heavyDays) * Double(elapsed) / Double(max(seasonDays, 1))).rounded(.up)) }
        }
        public var pm25OnPace: Bool? { target.flatMap { target in meanPM25.map { $0 <= target.target.pm25 } } }
        public var heavyDaysOnPace: Bool? { allowedHeavyDays.map { heavyDays <= $0 } }
        /// Behind on either: the county is due a warning letter (预警通知函).
        public var isOffPace: Bool { pm25OnPace == false || heavyDaysOnPace == false }
        /// Where the configured target departs from what the tier rule gives.
        public var departsFromTierRule: Bool { target.flatMap { set in set.tiered.map { $0 != set.target } } ?? false }
    }

    public var season: Int
    /// Lowest PM2.5 first, counties without data last.
    public var counties: [County]

    public init(season: Int, counties: [GridNodeDefined], air: AirQuality, asOf: Timestamp) {
        self.season = season
        let seasonDays = (ReviewMonth(year: season + 1, month: 4).start.milliseconds(since: ReviewMonth(year: season, month: 10).start) / 86_400_000)
        let lastDay = min(asOf, ReviewMonth(year: season + 1, month: 4).start.adding(milliseconds: -1))
        let elapsed = max(0, Int(lastDay.milliseconds(since: ReviewMonth(year: season, month: 10).start) / 86_400_000) + 1)
        let inSeason = { (day: String) -> Bool in
            day >= "\(season)-10-01" && day <= "\(season + 1)-03-31" && day <= String(BeijingTime.format(lastDay).prefix(10))
        }
        self.counties = counties.map { county in
            var byDay: [String: [AirDailyRecorded]] = [:]
            for (_, days) in air.daily {
                for (day, record) in days where record.node == county.code && inSeason(day) { byDay[day, default: []].append(record) }
            }
            var pm25: [(day: String, value: Double)] = []
            var heavy = 0
            for (day, records) in byDay {
                var means: [AirPollutant: Double] = [:]
                for pollutant in AirPollutant.allCases {
                    let values = records.compactMap { $0.means[pollutant] }
                    if !values.isEmpty { means[pollutant] = values.reduce(0, +) / Double(values.count) }
                }
                if let value = means[.pm25] { pm25.append((day, value)) }
                if let aqi = AQI.daily(means), AQI.isHeavy(aqi) { heavy += 1 }
            }
            let monthly = Dictionary(grouping: pm25, by: { String($0.day.prefix(7)) }).mapValues { values in values.reduce(0) { $0 + $1.value } / Double(values.count) }
            return County(node: county.code, name: county.name, target: air.targets[county.code]?[season], days: byDay.count, elapsed: elapsed,
                          seasonDays: Int(seasonDays), meanPM25: pm25.isEmpty ? nil : pm25.reduce(0) { $0 + $1.value } / Double(pm25.count),
                          heavyDays: heavy, monthly: monthly)
        }.sorted { ($0.meanPM25 ?? .infinity, $0.node) < ($1.meanPM25 ?? .infinity, $1.node) }
    }
}

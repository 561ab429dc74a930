import Foundation

/// A month's dust-fall figures: station values, township averages (the mean of the township's
/// stations), ranking, over-limit warnings and the change from the same month a year earlier.
public struct DustfallReview: Hashable, Sendable {
    public struct Station: Hashable, Sendable {
        public var code: String
        public var name: String
        public var township: String
        public var value: Double?
    }

    public struct Township: Hashable, Sendable {
        public var code: String
        public var name: String
        /// The mean of the township's station values this month.
        public var average: Double
        public var limit: Double
        /// 1 for the lowest average.
        public var rank: Int
        /// The same month a year earlier, when every figure needed exists.
        public var yearBefore: Double?

        public var isOverLimit: Bool { average > limit }
        /// The change from a year earlier as a fraction (−0.1 is a 10 % fall); `nil` without last year's figure.
        public var yearOnYear: Double? { yearBefore.flatMap { $0 == 0 ? nil : (average - $0) / $0 } }
    }

    public var month: ReviewMonth
    public var stations: [Station]
    /// Lowest average first.
    public var townships: [Township]

    /// - Parameter node: only the stations in this grid node and below; all stations when `nil`.
    public init(network: DustfallNetwork, month: ReviewMonth, within node: String? = nil) {
        self.month = month
        let grid = network.grid
        let network = node.map { network.restricted(to: $0) } ?? network
        stations = network.stations.values.sorted { $0.code < $1.code }.map { station in
            Station(code: station.code, name: station.name, township: grid.township(of: station.node).code,
                    value: network.reading(station: station.code, month: month.description)?.dustfall)
        }
        func averages(for month: ReviewMonth) -> [String: Double] {
            var values: [String: [Double]] = [:]
            for station in network.stations.values {
                guard let value = network.reading(station: station.code, month: month.description)?.dustfall else { continue }
                values[grid.township(of: station.node).code, default: []].append(value)
            }
            return values.mapValues { $0.reduce(0, +) / Double($0.count) }
        }
        let now = averages(for: month)
        let before = averages(for: month.yearBefore)
        let ranked = now.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
        townships = ranked.enumerated().map { index, entry in
            Township(code: entry.key, name: grid.township(of: entry.key).name, average: entry.value,
                     limit: network.limit(for: entry.key, year: month.year), rank: index + 1, yearBefore: before[entry.key])
        }
    }
}

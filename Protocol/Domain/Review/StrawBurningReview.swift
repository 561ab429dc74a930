import Foundation

/// Straw burning per township: fire points per day, response times, and places that burned more than once.
public struct StrawBurningReview: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        public var node: String
        public var name: String
        /// Fire points per Beijing day (`YYYY-MM-DD`).
        public var perDay: [String: Int] = [:]
        public var responseMinutes: [Int64] = []
        public var total: Int { perDay.values.reduce(0, +) }
        public var medianResponseMinutes: Int64? { median(responseMinutes) { ($0 + $1) / 2 } }
    }

    /// Fire points within `radiusMetres` of each other on different days count as one place that burned again.
    public static let repeatRadiusMetres = 500.0

    public var rows: [Row]
    /// Groups of fire points at the same place on more than one day, earliest first.
    public var repeatedPlaces: [[FirePoint]]

    public init(points: [FirePoint], grid: Grid, month: ReviewMonth? = nil) {
        let points = points.filter { month?.contains($0.observedAt) ?? true }
        var rows: [String: Row] = [:]
        for point in points {
            let place = grid.township(of: point.report.node ?? "?")
            var row = rows[place.code] ?? Row(node: place.code, name: place.name)
            row.perDay[String(BeijingTime.format(point.observedAt).prefix(10)), default: 0] += 1
            if let minutes = point.responseMinutes { row.responseMinutes.append(minutes) }
            rows[place.code] = row
        }
        self.rows = rows.values.sorted { $0.node < $1.node }
        repeatedPlaces = Self.repeated(points.sorted { $0.observedAt < $1.observedAt })
    }

    /// Clusters points closer than the radius (single linkage) and keeps clusters spanning several days.
    private static func repeated(_ points: [FirePoint]) -> [[FirePoint]] {
        var clusters: [[FirePoint]] = []
        for point in points {
            let near = clusters.indices.filter { index in clusters[index].contains { metres($0.location, point.location) <= repeatRadiusMetres } }
            var merged = near.flatMap { clusters[$0] } + [point]
            merged.sort { $0.observedAt < $1.observedAt }
            for index in near.reversed() { clusters.remove(at: index) }
            clusters.append(merged)
        }
        return clusters.filter { Set($0.map { BeijingTime.format($0.observedAt).prefix(10) }).count > 1 }
            .sorted { $0[0].observedAt < $1[0].observedAt }
    }

    /// Great-circle distance in metres (haversine).
    static func metres(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let radians = Double.pi / 180
        let dLatitude = (b.latitude - a.latitude) * radians, dLongitude = (b.longitude - a.longitude) * radians
        let h = pow(sin(dLatitude / 2), 2) + cos(a.latitude * radians) * cos(b.latitude * radians) * pow(sin(dLongitude / 2), 2)
        return 2 * 6_371_008.8 * asin(min(1, h.squareRoot()))
    }
}

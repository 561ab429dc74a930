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
    public var repeatedPlaces: [[FirePointSummary]]

    public init(points: [FirePointSummary], grid: Grid, month: ReviewMonth? = nil) {
        let points = points.filter { month?.contains($0.observedAt) ?? true }
        var rows: [String: Row] = [:]
        for point in points {
            let place = grid.township(of: point.node ?? "?")
            var row = rows[place.code] ?? Row(node: place.code, name: place.name)
            row.perDay[String(BeijingTime.format(point.observedAt).prefix(10)), default: 0] += 1
            if let minutes = point.responseMinutes { row.responseMinutes.append(minutes) }
            rows[place.code] = row
        }
        self.rows = rows.values.sorted { $0.node < $1.node }.map { row in
            var row = row
            row.responseMinutes.sort()
            return row
        }
        repeatedPlaces = Self.repeated(points)
    }

    /// Single-linkage clusters of points closer than the radius, of those spanning several days,
    /// earliest first. Points are put in cells a radius wide, so each is compared only with the
    /// points of its own and the neighbouring cells.
    static func repeated(_ points: [FirePointSummary]) -> [[FirePointSummary]] {
        let points = points.sorted { ($0.observedAt, $0.id.uuidString) < ($1.observedAt, $1.id.uuidString) }
        var clusters = Clusters(count: points.count)
        var cells: [Cell: [Int]] = [:]
        for (index, point) in points.enumerated() {
            let cell = Cell(point.location)
            for neighbour in cell.neighbourhood {
                for other in cells[neighbour] ?? [] where metres(points[other].location, point.location) <= repeatRadiusMetres {
                    clusters.join(index, other)
                }
            }
            cells[cell, default: []].append(index)
        }
        let groups = Dictionary(grouping: points.indices, by: { clusters.root(of: $0) }).values.map { $0.sorted().map { points[$0] } }
        return groups.filter { Set($0.map { BeijingTime.format($0.observedAt).prefix(10) }).count > 1 }
            .sorted { ($0[0].observedAt, $0[0].id.uuidString) < ($1[0].observedAt, $1[0].id.uuidString) }
    }

    /// A cube a radius wide in the earth-centred space the points lie on: points closer than the
    /// radius over the ground are closer in a straight line too, so they lie in neighbouring cubes.
    private struct Cell: Hashable {
        var x: Int
        var y: Int
        var z: Int

        init(_ location: GeoPoint) {
            let radians = Double.pi / 180, radius = 6_371_008.8
            let (latitude, longitude) = (location.latitude * radians, location.longitude * radians)
            func cube(_ metres: Double) -> Int { Int(exactly: (metres / repeatRadiusMetres).rounded(.down)) ?? 0 }
            x = cube(radius * cos(latitude) * cos(longitude))
            y = cube(radius * cos(latitude) * sin(longitude))
            z = cube(radius * sin(latitude))
        }

        private init(x: Int, y: Int, z: Int) {
            (self.x, self.y, self.z) = (x, y, z)
        }

        var neighbourhood: [Cell] {
            (-1...1).flatMap { dx in (-1...1).flatMap { dy in (-1...1).map { Cell(x: x + dx, y: y + dy, z: z + $0) } } }
        }
    }

    /// Which cluster each point is in (union–find).
    private struct Clusters {
        var parent: [Int]

        init(count: Int) { parent = Array(0..<count) }

        mutating func root(of index: Int) -> Int {
            var index = index
            while parent[index] != index {
                parent[index] = parent[parent[index]]
                index = parent[index]
            }
            return index
        }

        mutating func join(_ a: Int, _ b: Int) {
            let (rootA, rootB) = (root(of: a), root(of: b))
            if rootA != rootB { parent[max(rootA, rootB)] = min(rootA, rootB) }
        }
    }

    /// Great-circle distance in metres (haversine).
    static func metres(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let radians = Double.pi / 180
        let dLatitude = (b.latitude - a.latitude) * radians, dLongitude = (b.longitude - a.longitude) * radians
        let h = pow(sin(dLatitude / 2), 2) + cos(a.latitude * radians) * cos(b.latitude * radians) * pow(sin(dLongitude / 2), 2)
        return 2 * 6_371_008.8 * asin(min(1, h.squareRoot()))
    }
}

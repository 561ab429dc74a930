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
    /// Groups of fire points at the same place on more than one day, earliest first: each with a
    /// point in the month, and its earlier points from the ``lookbackDays`` before it too (a field
    /// that burned on 09-28 and again on 10-08 burned again in October).
    public var repeatedPlaces: [[FirePointSummary]]

    /// How far before a month a place's earlier fire counts for burning again: 30 days.
    public static let lookbackDays: Int64 = 30

    /// The figures of `month`'s fire points among `points` (all of them without a month); places
    /// that burned again also from the points of the ``lookbackDays`` before it, when given.
    public init(points: [FirePointSummary], grid: Grid, month: ReviewMonth? = nil) {
        let inMonth = { (point: FirePointSummary) in month?.contains(point.observedAt) ?? true }
        let lookback = month.map { $0.start.adding(milliseconds: -Self.lookbackDays * 86_400_000) }
        let candidates = points.filter { point in inMonth(point) || lookback.map { point.observedAt >= $0 && point.observedAt < (month?.start ?? $0) } ?? false }
        let points = points.filter(inMonth)
        // A month's fire points are many, its days and nodes few: each day and township is worked out once.
        var dates: [Int64: String] = [:], townships: [String: (code: String, name: String)] = [:]
        var rows: [String: Row] = [:]
        for point in points {
            let node = point.node ?? "?"
            let place = townships[node] ?? grid.township(of: node)
            townships[node] = place
            let day = BeijingTime.dayAndMillisecond(point.observedAt).day
            let date = dates[day] ?? BeijingTime.civil(point.observedAt).date
            dates[day] = date
            rows[place.code, default: Row(node: place.code, name: place.name)].perDay[date, default: 0] += 1
            if let minutes = point.responseMinutes { rows[place.code]?.responseMinutes.append(minutes) }
        }
        self.rows = rows.values.sorted { $0.node < $1.node }.map { row in
            var row = row
            row.responseMinutes.sort()
            return row
        }
        repeatedPlaces = Self.repeated(candidates).filter { $0.contains(where: inMonth) }
    }

    /// Single-linkage clusters of points closer than the radius, of those spanning several days,
    /// earliest first. Points are put in cubes small enough that all points of one cube are within
    /// the radius of each other (one cluster without measuring); two cubes are joined when some
    /// pair of their points is within the radius, and only cubes two apart or nearer can be.
    static func repeated(_ points: [FirePointSummary]) -> [[FirePointSummary]] {
        let points = points.sorted(by: Self.precedes)
        var clusters = Clusters(count: points.count)
        let positions = points.map { Position($0.location) }
        let cubes = Dictionary(grouping: points.indices, by: { Cube(positions[$0]) })
        for members in cubes.values {
            for member in members.dropFirst() { clusters.join(members[0], member) }
        }
        for (cube, members) in cubes {
            for neighbour in cube.neighbourhood where neighbour < cube {
                guard let others = cubes[neighbour], clusters.root(of: members[0]) != clusters.root(of: others[0]) else { continue }
                let near = members.contains { member in
                    others.contains { positions[$0].isWithinRadius(of: positions[member]) }
                }
                if near { clusters.join(members[0], others[0]) }
            }
        }
        let groups = Dictionary(grouping: points.indices, by: { clusters.root(of: $0) }).values
        return groups.filter { group in Set(group.map { BeijingTime.dayAndMillisecond(points[$0].observedAt).day }).count > 1 }
            .map { $0.sorted().map { points[$0] } }
            .sorted { Self.precedes($0[0], $1[0]) }
    }

    /// Earlier observed first, then by id (the order the store lists them in).
    private static func precedes(_ lhs: FirePointSummary, _ rhs: FirePointSummary) -> Bool {
        lhs.observedAt != rhs.observedAt ? lhs.observedAt < rhs.observedAt : UUID.precedesInByteOrder(lhs.id, rhs.id)
    }

    /// A point in earth-centred space, in metres, and where it lies on the ground.
    private struct Position {
        static let earthRadius = 6_371_008.8
        /// The straight-line distance between two points the radius apart over the ground.
        static let chord = 2 * earthRadius * sin(repeatRadiusMetres / (2 * earthRadius))

        var location: GeoPoint
        var x: Double
        var y: Double
        var z: Double

        init(_ location: GeoPoint) {
            let radians = Double.pi / 180
            let (latitude, longitude) = (location.latitude * radians, location.longitude * radians)
            self.location = location
            x = Self.earthRadius * cos(latitude) * cos(longitude)
            y = Self.earthRadius * cos(latitude) * sin(longitude)
            z = Self.earthRadius * sin(latitude)
        }

        /// Whether `other` is within the radius over the ground (``GeoPoint/metres(to:)``); the straight
        /// line decides at once unless it is within a hair of the chord.
        func isWithinRadius(of other: Position) -> Bool {
            let squared = (x - other.x) * (x - other.x) + (y - other.y) * (y - other.y) + (z - other.z) * (z - other.z)
            if squared > Self.chord * Self.chord * (1 + 1e-6) { return false }
            if squared < Self.chord * Self.chord * (1 - 1e-6) { return true }
            return location.metres(to: other.location) <= repeatRadiusMetres
        }
    }

    /// A cube in earth-centred space, its diagonal a little shorter than the radius. Points closer
    /// than the radius over the ground are closer in a straight line too, so their cubes are at
    /// most two apart along each axis.
    private struct Cube: Hashable, Comparable {
        static let side = repeatRadiusMetres / 3.0.squareRoot() * 0.999

        var x: Int
        var y: Int
        var z: Int

        init(_ position: Position) {
            func index(_ metres: Double) -> Int { Int(exactly: (metres / Self.side).rounded(.down)) ?? 0 }
            (x, y, z) = (index(position.x), index(position.y), index(position.z))
        }

        private init(x: Int, y: Int, z: Int) {
            (self.x, self.y, self.z) = (x, y, z)
        }

        var neighbourhood: [Cube] {
            (-2...2).flatMap { dx in (-2...2).flatMap { dy in (-2...2).map { Cube(x: x + dx, y: y + dy, z: z + $0) } } }
        }

        static func < (lhs: Cube, rhs: Cube) -> Bool { (lhs.x, lhs.y, lhs.z) < (rhs.x, rhs.y, rhs.z) }
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
}

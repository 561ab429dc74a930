/// An area as GeoJSON MultiPolygon coordinates in WGS 84: polygons, each an outer ring then holes,
/// each ring a closed list of `[longitude, latitude]` pairs.
///
/// ```swift
/// let square = GeoBoundary(polygons: [[[[115, 36], [116, 36], [116, 37], [115, 37], [115, 36]]]])
/// square.contains(try GeoPoint(latitude: 36.5, longitude: 115.5))  // true
/// ```
public struct GeoBoundary: Hashable, Sendable, Codable {
    public var polygons: [[[[Double]]]]

    public init(polygons: [[[[Double]]]]) {
        self.polygons = polygons
    }

    /// Whether `point` lies inside: inside an outer ring and outside that polygon's holes
    /// (even-odd rule). Points exactly on an edge may fall either way.
    public func contains(_ point: GeoPoint) -> Bool {
        polygons.contains { rings in
            rings.reduce(false) { inside, ring in inside != Self.ring(ring, encloses: point) }
        }
    }

    private static func ring(_ ring: [[Double]], encloses point: GeoPoint) -> Bool {
        var inside = false
        var previous = ring.last ?? []
        for vertex in ring where vertex.count >= 2 && previous.count >= 2 {
            let (x1, y1, x2, y2) = (previous[0], previous[1], vertex[0], vertex[1])
            if (y1 > point.latitude) != (y2 > point.latitude),
               point.longitude < (x2 - x1) * (point.latitude - y1) / (y2 - y1) + x1 {
                inside.toggle()
            }
            previous = vertex
        }
        return inside
    }
}

extension GeoBoundary {
    /// Checks every position: two or more numbers, a longitude and a latitude within range; each
    /// ring has at least four positions.
    public func validate() throws(InvalidValue) {
        for rings in polygons {
            for ring in rings {
                guard ring.count >= 4 else { throw InvalidValue(field: "boundary", rule: .empty) }
                for position in ring {
                    guard position.count >= 2 else { throw InvalidValue(field: "boundary", rule: .empty) }
                    try Check.number(position[0], "longitude", in: -180...180)
                    try Check.number(position[1], "latitude", in: -90...90)
                }
            }
        }
    }
}

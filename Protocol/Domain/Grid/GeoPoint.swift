/// A location in WGS 84 degrees.
///
/// ```swift
/// let point = try GeoPoint(latitude: 36.45, longitude: 115.98)
/// ```
public struct GeoPoint: Hashable, Sendable, Codable {
    public let latitude: Double
    public let longitude: Double

    public init(latitude: Double, longitude: Double) throws(InvalidValue) {
        guard latitude.isFinite, (-90...90).contains(latitude) else {
            throw InvalidValue(field: "latitude", rule: .outOfRange(min: -90, max: 90))
        }
        guard longitude.isFinite, (-180...180).contains(longitude) else {
            throw InvalidValue(field: "longitude", rule: .outOfRange(min: -180, max: 180))
        }
        self.latitude = latitude
        self.longitude = longitude
    }

    private enum CodingKeys: String, CodingKey {
        case latitude = "lat"
        case longitude = "lon"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(latitude: try container.decode(Double.self, forKey: .latitude),
                      longitude: try container.decode(Double.self, forKey: .longitude))
    }
}

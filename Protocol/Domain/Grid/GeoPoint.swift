import Foundation

/// A location in WGS 84 degrees, and how sure the device was of it when it came from a GPS fix:
/// `accuracyMetres`, the estimated horizontal error (gpsd's `eph`, 95%).
///
/// ```swift
/// let point = try GeoPoint(latitude: 36.45, longitude: 115.98)
/// let fix = try GeoPoint(latitude: 36.45, longitude: 115.98, accuracyMetres: 12)
/// ```
public struct GeoPoint: Hashable, Sendable, Codable {
    public let latitude: Double
    public let longitude: Double
    /// The fix's estimated error in metres; `nil` for a location typed in.
    public let accuracyMetres: Double?

    /// The largest error a recorded fix may state: 10 km, beyond which it locates nothing.
    public static let maxAccuracyMetres = 10_000.0

    public init(latitude: Double, longitude: Double, accuracyMetres: Double? = nil) throws(InvalidValue) {
        guard latitude.isFinite, (-90...90).contains(latitude) else {
            throw InvalidValue(field: "latitude", rule: .outOfRange(min: -90, max: 90))
        }
        guard longitude.isFinite, (-180...180).contains(longitude) else {
            throw InvalidValue(field: "longitude", rule: .outOfRange(min: -180, max: 180))
        }
        if let accuracyMetres {
            guard accuracyMetres.isFinite, accuracyMetres > 0, accuracyMetres <= Self.maxAccuracyMetres else {
                throw InvalidValue(field: "accuracy", rule: .outOfRange(min: 0, max: Self.maxAccuracyMetres))
            }
        }
        self.latitude = latitude
        self.longitude = longitude
        self.accuracyMetres = accuracyMetres
    }

    private enum CodingKeys: String, CodingKey {
        case latitude = "lat"
        case longitude = "lon"
        case accuracyMetres = "accuracy"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(latitude: try container.decode(Double.self, forKey: .latitude),
                      longitude: try container.decode(Double.self, forKey: .longitude),
                      accuracyMetres: try container.decodeIfPresent(Double.self, forKey: .accuracyMetres))
    }
}

extension GeoPoint {
    /// The great-circle distance to `other` in metres (haversine, on the mean earth radius).
    public func metres(to other: GeoPoint) -> Double {
        let radians = Double.pi / 180
        let dLatitude = (other.latitude - latitude) * radians, dLongitude = (other.longitude - longitude) * radians
        let h = pow(sin(dLatitude / 2), 2) + cos(latitude * radians) * cos(other.latitude * radians) * pow(sin(dLongitude / 2), 2)
        return 2 * 6_371_008.8 * asin(min(1, h.squareRoot()))
    }
}

import Foundation

/// The geodetic datum coordinates are given in. Lantian stores WGS 84 only: data in GCJ-02 (the
/// datum Chinese web maps use, offset from WGS 84 by a few hundred metres) is converted on import.
///
/// ```swift
/// let wgs84 = Datum.gcj02.toWGS84(latitude: 36.456, longitude: 115.980)
/// ```
public enum Datum: String, Codable, Hashable, Sendable, CaseIterable {
    case wgs84
    case gcj02

    /// The WGS 84 position of a point given in this datum.
    public func toWGS84(latitude: Double, longitude: Double) -> (latitude: Double, longitude: Double) {
        switch self {
        case .wgs84: return (latitude, longitude)
        case .gcj02: return GCJ02.toWGS84(latitude: latitude, longitude: longitude)
        }
    }
}

/// The published GCJ-02 transform (the Krasovsky 1940 ellipsoid and the polynomial offset), and its
/// inverse by fixed-point iteration, which converges to well under a millimetre in a few steps.
enum GCJ02 {
    private static let semiMajorAxis = 6_378_245.0
    private static let eccentricitySquared = 0.006_693_421_622_965_943_23

    /// Outside China the transform is the identity.
    static func isOutsideChina(latitude: Double, longitude: Double) -> Bool {
        longitude < 72.004 || longitude > 137.8347 || latitude < 0.8293 || latitude > 55.8271
    }

    static func fromWGS84(latitude: Double, longitude: Double) -> (latitude: Double, longitude: Double) {
        guard !isOutsideChina(latitude: latitude, longitude: longitude) else { return (latitude, longitude) }
        let x = longitude - 105, y = latitude - 35
        var dLatitude = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * abs(x).squareRoot()
        dLatitude += (20 * sin(6 * x * .pi) + 20 * sin(2 * x * .pi)) * 2 / 3
        dLatitude += (20 * sin(y * .pi) + 40 * sin(y / 3 * .pi)) * 2 / 3
        dLatitude += (160 * sin(y / 12 * .pi) + 320 * sin(y * .pi / 30)) * 2 / 3
        var dLongitude = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * abs(x).squareRoot()
        dLongitude += (20 * sin(6 * x * .pi) + 20 * sin(2 * x * .pi)) * 2 / 3
        dLongitude += (20 * sin(x * .pi) + 40 * sin(x / 3 * .pi)) * 2 / 3
        dLongitude += (150 * sin(x / 12 * .pi) + 300 * sin(x / 30 * .pi)) * 2 / 3
        let radians = latitude / 180 * .pi
        let magic = 1 - eccentricitySquared * sin(radians) * sin(radians)
        dLatitude = dLatitude * 180 / ((semiMajorAxis * (1 - eccentricitySquared)) / (magic * magic.squareRoot()) * .pi)
        dLongitude = dLongitude * 180 / (semiMajorAxis / magic.squareRoot() * cos(radians) * .pi)
        return (latitude + dLatitude, longitude + dLongitude)
    }

    static func toWGS84(latitude: Double, longitude: Double) -> (latitude: Double, longitude: Double) {
        var guess = (latitude: latitude, longitude: longitude)
        for _ in 0..<30 {
            let shifted = fromWGS84(latitude: guess.latitude, longitude: guess.longitude)
            let error = (latitude: shifted.latitude - latitude, longitude: shifted.longitude - longitude)
            guess = (guess.latitude - error.latitude, guess.longitude - error.longitude)
            if abs(error.latitude) < 1e-10, abs(error.longitude) < 1e-10 { break }
        }
        return guess
    }
}

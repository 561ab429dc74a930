import Foundation
import LantianDomain

/// A position fix as gpsd reports it (a `TPV` report of its JSON protocol, gpsd 3.x): where, when,
/// and how sure. Every value is range-checked as it is read: gpsd is input like any other.
///
/// ```swift
/// GPSFix(report: Array(#"{"class":"TPV","mode":3,"time":"2026-11-30T09:13:00.000Z","lat":36.4,"lon":115.9,"eph":17.1}"#.utf8))
/// ```
public struct GPSFix: Hashable, Sendable {
    /// The position, with the fix's estimated horizontal error (`eph`, else the larger of `epx` and `epy`).
    public var location: GeoPoint
    /// When the receiver took the fix (GPS time).
    public var time: Timestamp

    /// The fix a line of gpsd's output reports: a `TPV` report with a 2D or 3D fix, a time and a
    /// position; `nil` for any other line.
    public init?(report line: [UInt8]) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
              object["class"] as? String == "TPV", let mode = object["mode"] as? Int, mode >= 2,
              let text = object["time"] as? String, let time = Self.time(text),
              let latitude = object["lat"] as? Double, let longitude = object["lon"] as? Double else { return nil }
        let error = (object["eph"] as? Double) ?? [object["epx"] as? Double, object["epy"] as? Double].compactMap { $0 }.max()
        guard let location = try? GeoPoint(latitude: latitude, longitude: longitude,
                                           accuracyMetres: error.map { min(max($0, 0.1), GeoPoint.maxAccuracyMetres) }) else { return nil }
        (self.location, self.time) = (location, time)
    }

    public init(location: GeoPoint, time: Timestamp) {
        (self.location, self.time) = (location, time)
    }

    /// gpsd's time, ISO 8601 in UTC with or without fractions of a second.
    static func time(_ text: String) -> Timestamp? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        guard let date = formatter.date(from: text) else { return nil }
        let milliseconds = (date.timeIntervalSince1970 * 1_000).rounded()
        guard milliseconds.isFinite, abs(milliseconds) < 1e15 else { return nil }
        return Timestamp(millisecondsSince1970: Int64(milliseconds))
    }
}

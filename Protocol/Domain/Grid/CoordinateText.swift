import Foundation

/// A coordinate as people type or paste it on a phone: `36.4512`, with full-width digits
/// (`３６．４５１２`, as a Chinese input method gives them), in degrees, minutes and seconds
/// (`36°27′04″`, `36°27'04"`, `36度27分4秒`, `N36°27′04″`; south and west negative), and, where a
/// prompt asks for the latitude, both at once as a map app copies them (`36.4512,115.9853`).
///
/// ```swift
/// CoordinateText.degrees("36°27′04″")         // 36.45111…
/// CoordinateText.pair("36.4512，115.9853")     // (36.4512, 115.9853)
/// ```
public enum CoordinateText {
    /// The degrees `text` gives, if it reads as one coordinate.
    public static func degrees(_ text: String) -> Double? {
        var text = halfWidth(text).trimmingCharacters(in: .whitespaces)
        var sign = 1.0
        for (prefixes, factor) in [(["北纬", "东经", "N", "E", "n", "e"], 1.0), (["南纬", "西经", "S", "W", "s", "w"], -1.0)] {
            if let prefix = prefixes.first(where: { text.hasPrefix($0) || text.hasSuffix($0) }) {
                text = text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : String(text.dropLast(prefix.count))
                text = text.trimmingCharacters(in: .whitespaces)
                sign = factor
                break
            }
        }
        if let decimal = Double(text), decimal.isFinite { return sign * decimal }
        guard let match = text.wholeMatch(of: dms), let degrees = Double(match.1) else { return nil }
        let minutes = match.2.flatMap { Double($0) } ?? 0, seconds = match.3.flatMap { Double($0) } ?? 0
        guard minutes < 60, seconds < 60, degrees >= 0 || (minutes == 0 && seconds == 0) else { return nil }
        return sign * (abs(degrees) + minutes / 60 + seconds / 3600) * (degrees < 0 ? -1 : 1)
    }

    /// Latitude and longitude together, separated by a comma (either width) or spaces, if `text` reads so.
    public static func pair(_ text: String) -> (latitude: Double, longitude: Double)? {
        let text = halfWidth(text)
        let parts = text.contains(",") ? text.split(separator: ",").map(String.init)
            : text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard parts.count == 2, let latitude = degrees(parts[0]), let longitude = degrees(parts[1]) else { return nil }
        // Spaces also separate degrees, minutes and seconds: "36 27" is one coordinate, not two;
        // spaces separate a pair only of decimal degrees, as a map app writes them.
        if !text.contains(","), parts.contains(where: { Double($0) == nil || !$0.contains(".") }) { return nil }
        return (latitude, longitude)
    }

    /// Degrees, then optional minutes and seconds, marked or separated by spaces.
    nonisolated(unsafe) private static let dms = /(-?\d+(?:\.\d+)?)\s*(?:°|度|\s)\s*(?:(\d+(?:\.\d+)?)\s*(?:′|'|分|\s)\s*)?(?:(\d+(?:\.\d+)?)\s*(?:″|"|''|秒)?)?/

    /// Full-width ASCII (U+FF01–U+FF5E) and the ideographic space as their ASCII selves.
    static func halfWidth(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0xFF01...0xFF5E: Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
            case 0x3000: " "
            default: scalar
            }
        }))
    }
}

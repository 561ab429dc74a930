import Foundation
import LantianDomain

/// One active-fire detection from NASA FIRMS.
public struct FIRMSDetection: Hashable, Sendable {
    /// How sure FIRMS is: a percentage for MODIS, low/nominal/high for VIIRS.
    public enum Confidence: Hashable, Sendable, CustomStringConvertible {
        case percent(Int)
        case level(Level)

        public enum Level: Int, Hashable, Sendable, Comparable, CaseIterable {
            case low, nominal, high
            public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
        }

        public var description: String {
            switch self {
            case .percent(let value): "\(value)%"
            case .level(let level): ["l", "n", "h"][level.rawValue]
            }
        }
    }

    public var line: Int
    public var location: GeoPoint
    /// `acq_date` + `acq_time`, which FIRMS gives in UTC.
    public var observedAt: Timestamp
    public var satellite: String
    public var instrument: String
    public var confidence: Confidence
    /// Fire radiative power, MW.
    public var frp: Double?

    /// A stable id: the same detection imported twice is the same fire point.
    public var subject: UUID {
        .version5(name: "firms:\(instrument):\(satellite):\(observedAt.millisecondsSince1970):\(location.latitude):\(location.longitude)")
    }
}

extension FIRMSDetection {
    /// What the record says of the detection, in Chinese like every record a person reads:
    /// "MODIS（卫星 A）置信度 76%，火点辐射功率 16.0 兆瓦". Confidence levels are 低/标称/高.
    public var chineseNote: String {
        let confidence: String
        switch self.confidence {
        case .percent(let value): confidence = "\(value)%"
        case .level(let level): confidence = ["低", "标称", "高"][level.rawValue]
        }
        return "\(instrument)（卫星 \(satellite)）置信度 \(confidence)" + (frp.map { String(format: "，火点辐射功率 %.1f 兆瓦", $0) } ?? "")
    }
}

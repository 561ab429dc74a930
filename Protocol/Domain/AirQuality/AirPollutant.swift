/// The pollutants whose 24-hour means make a day's AQI (HJ 633-2012 表 1).
public enum AirPollutant: String, Codable, Hashable, Sendable, CaseIterable, CodingKeyRepresentable {
    case pm25, pm10, so2, no2, co

    /// The 24-hour breakpoints of HJ 633-2012 表 1, in µg/m³ (CO in mg/m³), for IAQI 0, 50, 100,
    /// 150, 200, 300, 400, 500.
    var breakpoints: [Double] {
        switch self {
        case .pm25: [0, 35, 75, 115, 150, 250, 350, 500]
        case .pm10: [0, 50, 150, 250, 350, 420, 500, 600]
        case .so2: [0, 50, 150, 475, 800, 1600, 2100, 2620]
        case .no2: [0, 40, 80, 180, 280, 565, 750, 940]
        case .co: [0, 2, 4, 14, 24, 36, 48, 60]
        }
    }

    /// What the column of an import is called (PM2.5, PM10, SO2, NO2, CO).
    public var column: String {
        switch self {
        case .pm25: "PM2.5"
        case .pm10: "PM10"
        case .so2: "SO2"
        case .no2: "NO2"
        case .co: "CO"
        }
    }
}

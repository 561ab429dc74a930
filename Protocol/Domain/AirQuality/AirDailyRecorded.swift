import Foundation

/// One monitoring station's 24-hour mean concentrations for a day, from an import of hourly or
/// daily data (a day of hourly data counts with at least 20 valid hours: GB 3095-2012 表 4 note).
/// It starts its subject; a later record of the same station and day corrects it (``AirQuality``).
public struct AirDailyRecorded: EventPayload, Hashable {
    public static let eventType: EventType = "air.daily.recorded"
    public static let schema: UInt16 = 1

    public var station: String
    /// The county the station stands for.
    public var node: String
    /// `YYYY-MM-DD`, Beijing.
    public var day: String
    /// µg/m³ (CO mg/m³).
    public var means: [AirPollutant: Double]
    /// Hours behind the means (24 for a daily figure).
    public var hours: Int

    public init(station: String, node: String, day: String, means: [AirPollutant: Double], hours: Int) {
        self.station = station
        self.node = node
        self.day = day
        self.means = means
        self.hours = hours
    }
}

extension AirDailyRecorded {
    /// Whether `text` is a day of the calendar from 2000 on, written `YYYY-MM-DD`.
    public static func isDay(_ text: String) -> Bool {
        text.count == 10 && ReviewMonth(String(text.prefix(7))) != nil && (try? BeijingTime.parse(text + " 00:00")) != nil
    }

    public static let definition = EventDefinition(
        AirDailyRecorded.self, chinese: "空气质量日均值", english: "air-quality daily means", recorders: .roles([.supervisor]), subject: .starts,
        example: AirDailyRecorded(station: "聊城东昌", node: "371502", day: "2019-12-01", means: [.pm25: 156, .pm10: 210], hours: 24))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.text(station, "station", required: true)
        try Check.code(node, "node")
        guard Self.isDay(day) else { throw InvalidValue(field: "day", rule: .invalidTime) }
        guard !means.isEmpty else { throw InvalidValue(field: "means", rule: .empty) }
        for value in means.values { try Check.number(value, "means", in: 0...10_000) }
        try Check.number(Double(hours), "hours", in: 20...24)
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: nil) }
}

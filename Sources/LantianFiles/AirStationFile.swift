import Foundation
import LantianDomain

/// Air-quality monitoring data as stations publish it (CSV or .xlsx, UTF-8 or GBK): one row per
/// station and hour (时间 `YYYY-MM-DD HH:MM`) or per station and day (时间 `YYYY-MM-DD`), with 站点,
/// 网格编码 (the county the station stands for), PM2.5 and PM10 in µg/m³, and optionally SO2, NO2
/// (µg/m³) and CO (mg/m³). Hours are averaged into the day's means; a day needs at least 20 valid
/// hours (GB 3095-2012 表 4 note), else it is named and left out.
public struct AirStationFile: Sendable {
    public static let columns = ["站点", "网格编码", "时间", "PM2.5", "PM10"]
    static let format = Phrase("空气质量监测数据（站点、网格编码、时间、PM2.5、PM10，可选 SO2、NO2、CO）",
                               "air-quality monitoring data (站点, 网格编码, 时间, PM2.5, PM10; optional SO2, NO2, CO)")

    /// One station's day.
    public let days: [AirDailyRecorded]
    public let problems: [RowProblem]

    public init(path: String) throws(ImportError) {
        let records = try SpreadsheetRecords.read(path: path, columns: Self.columns, format: Self.format)
        var groups: [String: (station: String, node: String, day: String, line: Int, hourly: Bool, rows: [[AirPollutant: Double]])] = [:]
        var problems: [RowProblem] = []
        for record in records {
            let text = { (column: String) in (record[column] ?? "").trimmingCharacters(in: .whitespaces) }
            let time = text("时间")
            let isHourly = time.count == 16, day = String(time.prefix(10))
            guard !text("站点").isEmpty, !text("网格编码").isEmpty, time.count == 10 || isHourly, AirDailyRecorded.isDay(day) else {
                problems.append(RowProblem(line: record.line, reason: Phrase("站点、网格编码不能为空，时间应为 YYYY-MM-DD 或 YYYY-MM-DD HH:MM",
                                                                             "站点 and 网格编码 are required; 时间 must be YYYY-MM-DD or YYYY-MM-DD HH:MM")))
                continue
            }
            var values: [AirPollutant: Double] = [:]
            for pollutant in AirPollutant.allCases {
                let value = text(pollutant.column)
                guard !value.isEmpty, value != "—", value != "-" else { continue }
                guard let number = Double(value), number.isFinite, number >= 0 else {
                    problems.append(RowProblem(line: record.line, reason: Phrase("\(pollutant.column)“\(value)”不是浓度", "\(pollutant.column) '\(value)' is not a concentration")))
                    continue
                }
                values[pollutant] = number
            }
            let key = "\(text("站点"))|\(day)"
            var group = groups[key] ?? (text("站点"), text("网格编码"), day, record.line, isHourly, [])
            group.rows.append(values)
            groups[key] = group
        }
        var days: [AirDailyRecorded] = []
        for group in groups.values.sorted(by: { ($0.day, $0.station) < ($1.day, $1.station) }) {
            let hours = group.hourly ? group.rows.filter { $0[.pm25] != nil || $0[.pm10] != nil }.count : 24
            guard hours >= 20 else {
                problems.append(RowProblem(line: group.line, reason: Phrase("\(group.station) \(group.day) 只有 \(hours) 个有效小时，不足 20 个，该日不计",
                                                                            "\(group.station) \(group.day) has \(hours) valid hours, fewer than 20: the day is left out")))
                continue
            }
            var means: [AirPollutant: Double] = [:]
            for pollutant in AirPollutant.allCases {
                let values = group.rows.compactMap { $0[pollutant] }
                if !values.isEmpty { means[pollutant] = (values.reduce(0, +) / Double(values.count) * 10).rounded() / 10 }
            }
            guard !means.isEmpty else { continue }
            days.append(AirDailyRecorded(station: group.station, node: group.node, day: group.day, means: means, hours: min(hours, 24)))
        }
        self.days = days
        self.problems = problems.sorted { $0.line < $1.line }
    }
}

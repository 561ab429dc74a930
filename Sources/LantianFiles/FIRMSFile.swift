import Foundation
import LantianDomain

/// A NASA FIRMS active-fire CSV, MODIS layout (`brightness`, `bright_t31`) or VIIRS layout
/// (`bright_ti4`, `bright_ti5`, confidence `l`/`n`/`h`), read by header names.
public struct FIRMSFile: Sendable {
    public let instrument: String
    public let detections: [FIRMSDetection]
    /// Rows that could not be read, by line; the rest are usable.
    public let problems: [RowProblem]

    static let common = ["latitude", "longitude", "acq_date", "acq_time", "confidence"]

    public init(path: String) throws(ImportError) {
        let file = try CSVFile(path: path)
        let format = Phrase("NASA FIRMS 火点 CSV（MODIS 或 VIIRS）", "a NASA FIRMS active-fire CSV (MODIS or VIIRS)")
        try file.require(Self.common, format: format)
        if file.header.contains("brightness") && file.header.contains("bright_t31") {
            instrument = "MODIS"
        } else if file.header.contains("bright_ti4") && file.header.contains("bright_ti5") {
            instrument = "VIIRS"
        } else {
            throw .wrongFormat(path: path, expected: format, missing: "brightness/bright_t31 or bright_ti4/bright_ti5")
        }
        var detections: [FIRMSDetection] = []
        var problems: [RowProblem] = []
        for record in file.records {
            do throws(RowReason) {
                detections.append(try Self.detection(record, instrument: instrument))
            } catch {
                problems.append(RowProblem(line: record.line, reason: error.text))
            }
        }
        self.detections = detections
        self.problems = problems
    }

    private struct RowReason: Error { let text: Phrase }

    private static func detection(_ record: CSVFile.Record, instrument: String) throws(RowReason) -> FIRMSDetection {
        guard let latitude = record["latitude"].flatMap(Double.init), let longitude = record["longitude"].flatMap(Double.init) else {
            throw RowReason(text: Phrase("latitude 和 longitude 必须是数字", "latitude and longitude must be numbers"))
        }
        let location: GeoPoint
        do { location = try GeoPoint(latitude: latitude, longitude: longitude) } catch {
            let value = error.field == "latitude" ? latitude : longitude
            throw RowReason(text: Phrase("\(error.field) \(value) 超出范围", "\(error.field) \(value) is out of range"))
        }
        guard let observedAt = utc(date: record["acq_date"], time: record["acq_time"]) else {
            let got = "\(record["acq_date"] ?? "—") \(record["acq_time"] ?? "—")"
            throw RowReason(text: Phrase("acq_date 应为 YYYY-MM-DD，acq_time 应为 HHMM（UTC）：实际为 \(got)",
                                         "acq_date must be YYYY-MM-DD and acq_time HHMM (UTC): got \(got)"))
        }
        guard let confidence = confidence(record["confidence"], instrument: instrument) else {
            let allowed = instrument == "MODIS" ? "0–100" : "l, n, h"
            throw RowReason(text: Phrase("confidence “\(record["confidence"] ?? "")”不是 \(allowed) 之一", "confidence '\(record["confidence"] ?? "")' is not \(allowed)"))
        }
        return FIRMSDetection(line: record.line, location: location, observedAt: observedAt, satellite: record["satellite"] ?? "?",
                              instrument: instrument, confidence: confidence, frp: record["frp"].flatMap(Double.init))
    }

    private static func confidence(_ text: String?, instrument: String) -> FIRMSDetection.Confidence? {
        guard let text else { return nil }
        if instrument == "MODIS" {
            guard let value = Int(text), (0...100).contains(value) else { return nil }
            return .percent(value)
        }
        return ["l": .low, "n": .nominal, "h": .high, "low": .low, "nominal": .nominal, "high": .high][text.lowercased()].map { .level($0) }
    }

    /// `2022-05-28` and `0536` (or `536`) in UTC.
    static func utc(date: String?, time: String?) -> Timestamp? {
        guard let date, let time, time.count <= 4, let clock = Int(time) else { return nil }
        let parts = date.split(separator: "-").compactMap { Int($0) }
        let (hour, minute) = (clock / 100, clock % 100)
        guard parts.count == 3, (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day, components.hour, components.minute) = (parts[0], parts[1], parts[2], hour, minute)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        components.calendar = calendar
        guard components.isValidDate, let moment = calendar.date(from: components) else { return nil }
        return Timestamp(millisecondsSince1970: Int64(moment.timeIntervalSince1970) * 1000)
    }
}

import Foundation
import LantianFiles
import LantianDomain

/// Bulk imports on the field client.
extension FieldClient {
    /// Who may import satellite leads: the people who route them to townships.
    public static let leadImporters: Set<Role> = [.supervisor, .townshipStaff]

    /// Imports NASA FIRMS fire points as straw-burning leads: each point inside the grid and at or
    /// above the confidence threshold becomes a satellite fire point in its county, with an issue in
    /// that county's queue for assignment, all in one transaction. A point in a county outside the
    /// importer's scope is referred (移交) to that county: its office owns it, the importer sees
    /// what becomes of it. A detection older than `maxAgeHours` (`nil`: no limit) is recorded as
    /// a fire point for the reviews but opens no lead: nobody can act on a fire days old. Importing
    /// the same file again records nothing new.
    public func importFIRMS(path: String, minimumPercent: Int, minimumLevel: FIRMSDetection.Confidence.Level,
                            maxAgeHours: Int? = FIRMSImportReport.defaultMaxAgeHours, now: Timestamp) throws -> FIRMSImportReport {
        try requireLeadImporter()
        let file = try FIRMSFile(path: path)
        var report = FIRMSImportReport(instrument: file.instrument, problems: file.problems)
        let points = file.detections.filter { detection in
            switch detection.confidence {
            case .percent(let value) where value < minimumPercent: report.belowThreshold += 1; return false
            case .level(let level) where level < minimumLevel: report.belowThreshold += 1; return false
            default: return true
            }
        }.map { SatellitePoint(line: $0.line, subject: $0.subject, location: $0.location, observedAt: $0.observedAt, note: $0.chineseNote, county: nil) }
        try importSatellitePoints(points, into: &report, maxAgeHours: maxAgeHours, now: now)
        return report
    }

    /// Imports the fire-point list provincial authorities circulate (``ProvincialFireList``, .xlsx
    /// or CSV) as ``importFIRMS(path:minimumPercent:minimumLevel:maxAgeHours:now:)`` imports FIRMS,
    /// each row's county checked against where its point falls: a row whose county disagrees is
    /// named and left out (its coordinates or its county are wrong), the rest imported.
    public func importProvincialFireList(path: String, maxAgeHours: Int? = FIRMSImportReport.defaultMaxAgeHours,
                                         now: Timestamp) throws -> FIRMSImportReport {
        try requireLeadImporter()
        let list = try ProvincialFireList(path: path)
        var report = FIRMSImportReport(instrument: "省级火点通报", problems: list.problems)
        let points = list.entries.map {
            SatellitePoint(line: $0.line, subject: $0.subject, location: $0.location, observedAt: $0.observedAt, note: $0.chineseNote, county: $0.county)
        }
        try importSatellitePoints(points, into: &report, maxAgeHours: maxAgeHours, now: now)
        report.problems.sort { $0.line < $1.line }
        return report
    }

    /// A fire point from a satellite list, and the county the list says it lies in (if it says).
    private struct SatellitePoint {
        var line: Int
        var subject: UUID
        var location: GeoPoint
        var observedAt: Timestamp
        var note: String
        var county: String?
    }

    private func requireLeadImporter() throws {
        let role = try requireRole()
        guard Self.leadImporters.contains(role), try profile() != nil else { throw FieldError.stepRefused(.roleNotAllowed(role, step: "reported")) }
    }

    /// Records each point inside the grid as a satellite fire point in its county, with a lead in
    /// that county's queue (a referral where the county lies outside the user's scope; none for a
    /// point older than `maxAgeHours`), all in one transaction; points held already are skipped.
    private func importSatellitePoints(_ points: [SatellitePoint], into report: inout FIRMSImportReport, maxAgeHours: Int?,
                                       now: Timestamp) throws {
        guard let user = try profile() else { return }
        let grid = try store.grid()
        let scope = GridScope(scope: user.scope, grid: grid)
        let known = try store.heldFirePoints(among: points.map(\.subject))
        var drafts: [EventDraft] = []
        for point in points {
            guard let placed = grid.locate(point.location), let county = grid.enclosing(placed.code, at: .county) else {
                report.outsideGrid += 1
                continue
            }
            if let claimed = point.county, !Self.sameCounty(claimed, county.name) {
                report.problems.append(RowProblem(line: point.line, reason: Phrase(
                    "县“\(claimed)”与位置（\(point.location.latitude), \(point.location.longitude)）所在的\(county.name)不符，未导入：核对经纬度或县名",
                    "the county '\(claimed)' is not where the point (\(point.location.latitude), \(point.location.longitude)) falls, \(county.name): not imported; check the coordinates or the county")))
                continue
            }
            guard !known.contains(point.subject) else {
                report.alreadyImported += 1
                continue
            }
            let referral = !scope.contains(county.code)
            let fire = try FirePointReport(location: point.location, node: county.code, observedAt: point.observedAt, note: point.note,
                                           source: .satellite, referral: referral)
            drafts.append(try EventDraft(subject: point.subject, payload: fire))
            if let maxAgeHours, point.observedAt < now.adding(milliseconds: -Int64(maxAgeHours) * 3_600_000) {
                report.historyOnly += 1
            } else {
                // A title of its own: the place and the time, and where exactly (many fall in one county at one pass).
                let title = String(format: "卫星火点：%@ %@（%.3f, %.3f）", county.name, BeijingTime.format(point.observedAt),
                                   point.location.latitude, point.location.longitude)
                let lead = TicketReported(category: .strawBurning, node: county.code, title: title, location: point.location,
                                          origin: point.subject, note: point.note, referral: referral)
                drafts.append(try EventDraft(subject: newSubject(now), payload: lead))
            }
            report.importedByCounty[county.code, default: 0] += 1
            if referral { report.referred += 1 }
        }
        if !drafts.isEmpty { _ = try record(drafts, now: now) }
    }

    /// Whether a list's county name is the grid's: the same, or the same but for the suffix (东昌府 / 东昌府区).
    static func sameCounty(_ listed: String, _ name: String) -> Bool {
        func stem(_ text: String) -> String {
            var text = text.trimmingCharacters(in: .whitespaces)
            for suffix in ["自治县", "区", "县", "市", "旗"] where text.hasSuffix(suffix) && text.count > suffix.count + 1 {
                text.removeLast(suffix.count)
                break
            }
            return text
        }
        return stem(listed) == stem(name)
    }

    /// Imports a month's dust-fall readings (see ``DustfallFile``) in one transaction: each reading
    /// not yet held is recorded, opening an issue when over the limit; a reading identical to the one
    /// held is skipped; unusable rows are reported with their readings left out, the rest imported.
    public func importDustfall(path: String, now: Timestamp) throws -> DustfallImportReport {
        let role = try requireRole()
        guard Self.leadImporters.contains(role) else { throw FieldError.stepRefused(.roleNotAllowed(role, step: "reported")) }
        let file = try DustfallFile(path: path, now: now)
        let network = try store.dustfallNetwork()
        var report = DustfallImportReport(problems: file.problems)
        var drafts: [EventDraft] = []
        for reading in file.readings {
            let held = network.reading(station: reading.station, month: reading.month)
            if held?.jars == reading.jars {
                report.alreadyImported += 1
                continue
            }
            do {
                let checked = try dustfallReading(station: reading.station, month: reading.month, jars: reading.jars, in: network, now: now)
                drafts += checked.drafts
                if held == nil { report.recorded += 1 } else { report.corrected += 1 }
                if checked.opened != nil { report.opened += 1 }
            } catch FieldError.unknownStation(let code) {
                report.problems += reading.lines.map { RowProblem(line: $0, reason: Phrase("监测点 \(code) 尚未登记", "station \(code) is not registered")) }
            }
        }
        report.problems.sort { $0.line < $1.line }
        if !drafts.isEmpty { _ = try record(drafts, now: now) }
        return report
    }
}

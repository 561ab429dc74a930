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
        let role = try requireRole()
        guard Self.leadImporters.contains(role), let user = try profile() else { throw FieldError.stepRefused(.roleNotAllowed(role, step: "reported")) }
        let file = try FIRMSFile(path: path)
        let grid = try store.grid()
        let scope = GridScope(scope: user.scope, grid: grid)
        let known = try store.heldFirePoints(among: file.detections.map(\.subject))
        var report = FIRMSImportReport(instrument: file.instrument, problems: file.problems)
        var drafts: [EventDraft] = []
        for detection in file.detections {
            switch detection.confidence {
            case .percent(let value) where value < minimumPercent: report.belowThreshold += 1; continue
            case .level(let level) where level < minimumLevel: report.belowThreshold += 1; continue
            default: break
            }
            guard let placed = grid.locate(detection.location), let county = grid.enclosing(placed.code, at: .county) else {
                report.outsideGrid += 1
                continue
            }
            let referral = !scope.contains(county.code)
            guard !known.contains(detection.subject) else {
                report.alreadyImported += 1
                continue
            }
            let note = detection.chineseNote
            let fire = try FirePointReport(location: detection.location, node: county.code, observedAt: detection.observedAt, note: note,
                                           source: .satellite, referral: referral)
            drafts.append(try EventDraft(subject: detection.subject, payload: fire))
            if let maxAgeHours, detection.observedAt < now.adding(milliseconds: -Int64(maxAgeHours) * 3_600_000) {
                report.historyOnly += 1
            } else {
                // A title of its own: the place and the time, and where exactly (many fall in one county at one pass).
                let title = String(format: "卫星火点：%@ %@（%.3f, %.3f）", county.name, BeijingTime.format(detection.observedAt),
                                   detection.location.latitude, detection.location.longitude)
                let lead = TicketReported(category: .strawBurning, node: county.code, title: title, location: detection.location,
                                          origin: detection.subject, note: note, referral: referral)
                drafts.append(try EventDraft(subject: newSubject(now), payload: lead))
            }
            report.importedByCounty[county.code, default: 0] += 1
            if referral { report.referred += 1 }
        }
        if !drafts.isEmpty { _ = try record(drafts, now: now) }
        return report
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

import Foundation
import LantianDomain

/// The monthly assessment (考核) of a county's townships, from the same as-of reviews as the notice.
extension FieldClient {
    /// `county`'s townships assessed for `month`, and those in the bottom three for the three
    /// months to it (约谈).
    public func assessment(county: String, month: ReviewMonth, now: Timestamp) throws -> (assessment: TownshipAssessment, flagged: [TownshipAssessment.Row]) {
        let months = try (0..<3).reversed().map { try assessment(of: try monthlyNoticeFigures(county: county, month: month.adding(months: -$0), now: now), now: now) }
        guard let latest = months.last else { throw FieldError.unknownNode(county) }
        return (latest, TownshipAssessment.flaggedForInterview(months))
    }

    /// The assessment of the notice's county and month.
    func assessment(of notice: MonthlyNotice, now: Timestamp) throws -> TownshipAssessment {
        let grid = try store.grid(), records = try store.project(AssessmentRecords.self)
        let townships = grid.children(of: notice.county.code).filter { $0.level == .township && !$0.isRetired }
        let patrols = try patrolCoverage(within: notice.county.code, month: notice.month, now: min(notice.month.end, now))
        let inquiries = try store.project(Inquiries.self)
        let neglect = Dictionary(townships.map { ($0.code, inquiries.neglect(in: notice.month, township: $0.code, grid: grid).count) }) { first, _ in first }
        return TownshipAssessment(month: notice.month, townships: townships, issues: notice.issues, fires: notice.fires, dustfall: notice.dustfall,
                                  patrols: patrols, alerts: notice.alerts, falsified: records.falsified(in: notice.month), neglect: neglect,
                                  scheme: records.scheme(for: notice.county.code, year: notice.month.year, grid: grid))
    }

    /// The grid officers of `township` assessed for `month` (as it stood at its end, or now).
    public func officerAssessment(township: String, month: ReviewMonth, now: Timestamp) throws -> OfficerAssessment {
        let grid = try store.grid()
        guard let node = grid[township], node.level == .township else { throw FieldError.unknownNode(township) }
        let asOf = min(month.end, now)
        let officers = try store.directory().users.values.filter { $0.role == .gridOfficer && grid.node($0.scope, isWithin: township) }
            .sorted { $0.name < $1.name }
        let found = Dictionary(grouping: try store.tickets(within: township, asOf: asOf).filter { month.contains($0.reportedAt) }, by: \.reportedBy)
            .mapValues(\.count)
        let county = grid.enclosing(township, at: .county)?.code ?? township
        return OfficerAssessment(month: month, officers: officers, coverage: try patrolCoverage(within: township, month: month, now: asOf), found: found,
                                 scheme: try store.project(AssessmentRecords.self).scheme(for: county, year: month.year, grid: grid))
    }

    /// Records that `township`'s records of `month` were falsified (supervisors): it fails that month.
    public func recordFalsification(township: String, month: ReviewMonth, note: String, evidence: [Evidence], now: Timestamp) throws {
        guard let node = try placeNode(township, location: nil) else { throw FieldError.gridNotSynced }
        _ = try record([try EventDraft(subject: newSubject(now), payload: FalsificationFound(node: node, month: month.description, note: note, evidence: evidence))],
                       now: now)
    }
}

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

    /// Records that `township`'s records of `month` were falsified (supervisors): it fails that month.
    public func recordFalsification(township: String, month: ReviewMonth, note: String, evidence: [Evidence], now: Timestamp) throws {
        guard let node = try placeNode(township, location: nil) else { throw FieldError.gridNotSynced }
        _ = try record([try EventDraft(subject: newSubject(now), payload: FalsificationFound(node: node, month: month.description, note: note, evidence: evidence))],
                       now: now)
    }
}

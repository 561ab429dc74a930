import Foundation

/// The month's assessment (考核) of a county's townships: each scored on the figures of
/// ``AssessmentScheme``, graded, ranked best first; a township found to have falsified its records
/// fails whatever its score and ranks last (seeds 000, 001, 003); each inquiry (一案双查, seed 002)
/// concluded in the month finding the office neglected its duty takes ``neglectPenalty`` off the
/// score. Computed from the same as-of
/// reviews as the monthly notice, so every replica gets the same scores for the same events.
public struct TownshipAssessment: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        public var node: String
        public var name: String
        /// Each figure's score (0–100), for the figures the township has data for.
        public var figures: [AssessmentScheme.Figure: Double]
        /// The weighted mean of the figures less the neglect found, to one decimal, never below 0.
        public var score: Double
        /// Inquiries concluded in the month that found the office neglected its duty.
        public var neglect: Int
        public var grade: AssessmentGrade
        public var falsified: Bool
        public var rank = 0
    }

    public var month: ReviewMonth
    public var scheme: AssessmentScheme
    /// Best first.
    public var rows: [Row]

    /// The three best and the three worst (fewer when there are fewer than six townships).
    public var top: [Row] { Array(rows.prefix(min(3, rows.count / 2))) }
    public var bottom: [Row] { Array(rows.suffix(min(3, rows.count / 2))) }

    /// - Parameters:
    ///   - townships: the county's townships (not retired), every one assessed.
    ///   - falsified: townships found to have falsified the month's records.
    ///   - neglect: per township, the inquiries concluded in the month that found neglect.
    public init(month: ReviewMonth, townships: [GridNodeDefined], issues: IssueReview, fires: StrawBurningReview, dustfall: DustfallReview,
                patrols: PatrolCoverage?, alerts: [AlertCompliance], falsified: Set<String>, neglect: [String: Int] = [:], scheme: AssessmentScheme) {
        self.month = month
        self.scheme = scheme
        let rows = townships.map { township -> Row in
            var figures: [AssessmentScheme.Figure: Double] = [:]
            if let row = issues.rows.first(where: { $0.node == township.code }), row.total > 0 {
                figures[.rectification] = (row.rectificationRate ?? 0) * 100
                figures[.overdue] = max(0, 100 - 20 * Double(row.overdue))
            }
            let fire = fires.rows.first { $0.node == township.code }
            let (burned, responded) = (fire?.total ?? 0, fire?.responseMinutes.count ?? 0)
            figures[.fires] = max(0, 100 - 10 * Double(burned) - 10 * Double(max(0, burned - responded)))
            if let reading = dustfall.townships.first(where: { $0.code == township.code }), reading.limit > 0 {
                figures[.dustfall] = reading.isOverLimit ? max(0, 100 - 100 * (reading.average - reading.limit) / reading.limit) : 100
            }
            if let coverage = patrols?.townships.first(where: { $0.node == township.code }), let rate = coverage.rate {
                figures[.patrols] = rate * 100
            }
            let checks = alerts.compactMap { $0.townships.first { $0.node == township.code } }
            let checked = checks.reduce(0) { $0 + $1.checked }
            if checked > 0 { figures[.alerts] = Double(checks.reduce(0) { $0 + $1.compliant }) / Double(checked) * 100 }
            let weighted = figures.compactMap { figure, value in scheme.weights[figure].map { (weight: $0, value: value) } }.filter { $0.weight > 0 }
            let total = weighted.reduce(0) { $0 + $1.weight }
            let mean = total > 0 ? weighted.reduce(0) { $0 + $1.weight * $1.value } / total : 100
            let neglected = neglect[township.code] ?? 0
            let score = (max(0, mean - Self.neglectPenalty * Double(neglected)) * 10).rounded() / 10
            let isFalsified = falsified.contains(township.code)
            return Row(node: township.code, name: township.name, figures: figures, score: score, neglect: neglected,
                       grade: isFalsified ? .fail : scheme.grade(score), falsified: isFalsified)
        }
        self.rows = rows.sorted { ($0.falsified ? 1 : 0, -$0.score, $0.node) < ($1.falsified ? 1 : 0, -$1.score, $1.node) }
            .enumerated().map { index, row in
                var row = row
                row.rank = index + 1
                return row
            }
    }

    /// Points off a township's score for each inquiry finding its office neglected its duty.
    public static let neglectPenalty = 10.0

    /// The townships among the bottom three in each of `months` (three consecutive months, the
    /// latest last): the ones to be summoned for a talk (约谈, seed 000 §(七)).
    public static func flaggedForInterview(_ months: [TownshipAssessment]) -> [Row] {
        guard months.count >= 3, let latest = months.last else { return [] }
        let bottoms = months.suffix(3).map { Set($0.bottom.map(\.node)) }
        return latest.bottom.filter { row in bottoms.allSatisfy { $0.contains(row.node) } }
    }
}

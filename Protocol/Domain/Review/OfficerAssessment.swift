import Foundation

/// The month's assessment of a township's grid officers (网格员考核, 定人定责: seed 000 §19): each
/// scored on their cell's patrol coverage (×100, weight 60, when patrols were required) and the
/// issues they found and reported in the month (25 points each up to 100, weight 40), graded with
/// the county's thresholds, ranked best first.
public struct OfficerAssessment: Hashable, Sendable {
    public struct Row: Hashable, Sendable {
        public var officer: String
        public var cell: String
        public var cellName: String
        public var patrols: Int
        public var hours: Double
        /// The cell's coverage, `nil` when no patrol was required.
        public var coverage: Double?
        public var found: Int
        public var score: Double
        public var grade: AssessmentGrade
        public var rank = 0
    }

    public var month: ReviewMonth
    public var rows: [Row]

    public static let coverageWeight = 60.0, foundWeight = 40.0, pointsPerFind = 25.0

    /// - Parameters:
    ///   - officers: the township's grid officers (their scope is their cell).
    ///   - found: issues each officer reported in the month.
    public init(month: ReviewMonth, officers: [UserRegistered], coverage: PatrolCoverage, found: [String: Int], scheme: AssessmentScheme) {
        self.month = month
        rows = officers.map { officer in
            let cell = coverage.cells.first { $0.node == officer.scope }
            let walked = coverage.officers.first { $0.name == officer.name }
            let finds = found[officer.name] ?? 0
            var parts = [(Self.foundWeight, min(100, Self.pointsPerFind * Double(finds)))]
            if let rate = cell?.rate { parts.append((Self.coverageWeight, rate * 100)) }
            let total = parts.reduce(0) { $0 + $1.0 }
            let score = (parts.reduce(0) { $0 + $1.0 * $1.1 } / total * 10).rounded() / 10
            return Row(officer: officer.name, cell: officer.scope, cellName: cell?.name ?? officer.scope, patrols: walked?.patrols ?? 0,
                       hours: walked?.hours ?? 0, coverage: cell?.rate, found: finds, score: score, grade: scheme.grade(score))
        }.sorted { (-$0.score, $0.officer) < (-$1.score, $1.officer) }.enumerated().map { index, row in
            var row = row
            row.rank = index + 1
            return row
        }
    }
}

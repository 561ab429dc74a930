import Foundation
@testable import LantianDomain
import Testing

/// The monthly assessment (考核) worked by hand for four townships, with the standard scheme
/// (整改率 30, 按期整改 20, 秸秆禁烧 15, 降尘 15, 巡查 10, 应急 10; no patrols or alerts this month,
/// so their weights fall out).
@Suite struct AssessmentTests {
    static let month = ReviewMonth("2026-10")!
    static let townships = [("371502001", "甲街道"), ("371502002", "乙街道"), ("371502003", "丙街道"), ("371502004", "丁街道")]
    static let grid = Grid(nodes: [GridNodeDefined(code: "371502", name: "东昌府区", level: .county, parent: nil)]
                           + townships.map { GridNodeDefined(code: $0.0, name: $0.1, level: .township, parent: "371502") })

    /// Issues (total, closed, overdue), fire points (seen, responded) and dust-fall per township.
    static func assessment(falsified: Set<String> = ["371502004"], neglect: [String: Int] = [:]) -> TownshipAssessment {
        let figures: [(total: Int, closed: Int, overdue: Int, fires: Int, responded: Int, dustfall: Double?)] = [
            (10, 10, 0, 0, 0, 8.0),   // 甲: every figure full: 100
            (10, 8, 1, 1, 1, 9.9),    // 乙: 80, 80, 90, 90 → (2400 + 1600 + 1350 + 1350) / 80 = 83.75 → 83.8
            (4, 2, 2, 2, 0, nil),     // 丙: 50, 60, 60, no dust-fall → (1500 + 1200 + 900) / 65 = 55.38 → 55.4
            (5, 5, 0, 0, 0, 8.0),     // 丁: 100, but found to have falsified its records
        ]
        let rows = zip(townships, figures).map { township, figure in
            var row = IssueReview.Row(node: township.0, name: township.1)
            (row.total, row.closed, row.open, row.overdue) = (figure.total, figure.closed, figure.total - figure.closed, figure.overdue)
            return row
        }
        var fires = StrawBurningReview(points: [], grid: grid, month: month)
        fires.rows = zip(townships, figures).map { township, figure in
            StrawBurningReview.Row(node: township.0, name: township.1, perDay: figure.fires > 0 ? ["2026-10-05": figure.fires] : [:],
                                   responseMinutes: Array(repeating: 30, count: figure.responded))
        }
        var dustfall = DustfallReview(network: DustfallNetwork(), month: month)
        dustfall.townships = zip(townships, figures).compactMap { township, figure in
            figure.dustfall.map { DustfallReview.Township(code: township.0, name: township.1, average: $0, limit: 9, rank: 0, yearBefore: nil) }
        }
        return TownshipAssessment(month: month, townships: grid.children(of: "371502"), issues: IssueReview(perNode: rows, open: [], grid: grid, month: month),
                                  fires: fires, dustfall: dustfall, patrols: nil, alerts: [], falsified: falsified, neglect: neglect,
                                  scheme: .standard)
    }

    @Test func fourTownshipsAreScoredGradedAndRankedAsWorkedByHand() {
        let assessment = Self.assessment()
        #expect(assessment.rows.map(\.name) == ["甲街道", "乙街道", "丙街道", "丁街道"])
        #expect(assessment.rows.map(\.score) == [100, 83.8, 55.4, 100])
        #expect(assessment.rows.map(\.grade) == [.excellent, .good, .fail, .fail])
        #expect(assessment.rows[2].figures[.dustfall] == nil && assessment.rows[1].figures[.dustfall] == 90)
        #expect(assessment.top.map(\.name) == ["甲街道", "乙街道"] && assessment.bottom.map(\.name) == ["丙街道", "丁街道"])
    }

    @Test func aFalsifiedTownshipFailsWhateverItsScore() {
        let honest = Self.assessment(falsified: [])
        #expect(honest.rows.first { $0.name == "丁街道" }?.grade == .excellent)
        #expect(Self.assessment().rows.last?.name == "丁街道" && Self.assessment().rows.last?.grade == .fail)
    }

    @Test func aTownshipInTheBottomThreeForThreeMonthsRunningIsFlaggedForATalk() {
        let three = [Self.assessment(), Self.assessment(), Self.assessment()]
        #expect(TownshipAssessment.flaggedForInterview(three).map(\.name) == ["丙街道", "丁街道"])
        // Out of the bottom in one of the three months: not flagged.
        #expect(TownshipAssessment.flaggedForInterview([Self.assessment(falsified: []), Self.assessment(), Self.assessment()]).map(\.name) == ["丙街道"])
        #expect(TownshipAssessment.flaggedForInterview(Array(three.prefix(2))).isEmpty)
    }

    @Test func anInquiryFindingNeglectTakesTenPointsOffTheMonth() {
        // 乙街道: 83.75 − 10 = 73.75 → 73.8, from 良好 to 合格; still second.
        let assessment = Self.assessment(neglect: ["371502002": 1])
        let second = assessment.rows.first { $0.name == "乙街道" }
        #expect(second?.score == 73.8 && second?.grade == .pass && second?.neglect == 1 && second?.rank == 2)
    }
}

import Foundation
import LantianDomain
import Testing
@testable import LantianClient

/// Issue 23: count axes stepped in halves ("1.5 fire points") and odd ticks (3.1, 6.2, 9.3, 12.4);
/// the daily fire chart showed only days that had fires. An axis steps in 1, 2 or 5 × 10ⁿ, counts
/// in whole numbers, and a month's chart has every day.
@Suite struct ChartAxisTests {
    @Test func countsStepInWholeNumbers() {
        #expect(ChartAxis(peak: 1, counts: true).ticks == [0, 1])
        #expect(ChartAxis(peak: 3, counts: true).ticks == [0, 1, 2, 3])
        #expect(ChartAxis(peak: 17, counts: true).ticks == [0, 5, 10, 15, 20])
        #expect(ChartAxis(peak: 1.5, counts: true).ticks.allSatisfy { $0 == $0.rounded() })
    }

    @Test func measuresStepInRoundNumbers() {
        #expect(ChartAxis(peak: 12.4, counts: false).ticks == [0, 5, 10, 15])
        let small = ChartAxis(peak: 0.37, counts: false)
        #expect(small.ticks.count == 5 && abs(small.top - 0.4) < 1e-9)
        #expect(small.ticks.map(small.label) == ["0.0", "0.1", "0.2", "0.3", "0.4"])
        #expect(ChartAxis(peak: 7.5, counts: false).ticks.map(ChartAxis(peak: 7.5, counts: false).label) == ["0", "2", "4", "6", "8"])
    }

    @Test func nothingOrNonsenseToShowStillGivesAnAxis() {
        for peak in [0, -3, .nan, .infinity] {
            #expect(ChartAxis(peak: peak, counts: true).ticks == [0, 1])
        }
    }

    @Test func aMonthsDailyChartHasEveryDay() {
        let october = HTMLReport.days(of: ReviewMonth(year: 2026, month: 10))
        #expect(october.count == 31 && october.first == "2026-10-01" && october.last == "2026-10-31")
        #expect(HTMLReport.days(of: ReviewMonth(year: 2024, month: 2)).count == 29)
        #expect(HTMLReport.days(of: ReviewMonth(year: 2026, month: 11)).count == 30)
    }
}

import Foundation
import LantianDomain
import LantianTestSupport
import Testing

/// A season's air quality on the real binaries: a target set by the tier rule, station data
/// imported (hourly and daily, a day short of hours refused), and the county found behind its pace.
@Suite struct AirQualityEndToEndTests {
    @Test func aCountyAboveItsTargetIsBehindItsPaceAndDueAWarningLetter() throws {
        // 84 µg/m³ and 26 heavy days last season: −8 % and −2, so 77 and 24 (seed 000 附件 1, 东昌府区).
        let town = try Town(settings: [["air-target", "--node", TestGrid.county, "--season", "2019", "--last-pm25", "84", "--last-heavy-days", "26"]])
        var rows = ["站点,网格编码,时间,PM2.5,PM10"]
        // 10-01: 24 hours of PM2.5 100 (AQI 132); 10-02: a daily mean of 160 (AQI 210, heavy); 10-03: only 10 hours.
        rows += (0..<24).map { "聊城东昌,\(TestGrid.county),2019-10-01 \($0 < 10 ? "0" : "")\($0):00,100,120" }
        rows.append("聊城东昌,\(TestGrid.county),2019-10-02,160,200")
        rows += (0..<10).map { "聊城东昌,\(TestGrid.county),2019-10-03 0\($0):00,90,100" }
        let file = town.folder.appendingPathComponent("空气质量.csv")
        try Data(rows.joined(separator: "\n").utf8).write(to: file)

        let imported = try town.supervisor.expectSuccess(["import", "air", file.path])
        #expect(imported.contains("记录 2 个站点日") && imported.contains("只有 10 个有效小时"), "\(imported)")
        #expect(try town.supervisor.expectSuccess(["import", "air", file.path]).contains("记录 0 个站点日"))

        let review = try town.supervisor.expectSuccess(["review", "targets", "--season", "2019"])
        // Mean (100 + 160) / 2 = 130 over 77; 1 heavy day of the 24 the whole season allows.
        #expect(review.contains("130.0") && review.contains("77") && review.contains("落后：发预警通知函"), "\(review)")
        #expect(review.contains("2/183"), "two days with data of the 183 elapsed: \(review)")
        let notice = try town.supervisor.expectSuccess(["notice", "--county", TestGrid.county, "--month", "2019-10"])
        #expect(notice.contains("八、空气质量") && notice.contains("本月 PM2.5 均值 130.0") && notice.contains("下发预警通知函"), "\(notice)")
    }

    /// A whole season, 2020-10-01 to 2021-03-31 (182 days), of one station's daily means: PM2.5 160
    /// (AQI 210, heavy) on every tenth day (days 0, 10, …, 180: 19 of them), 70 on the other 163.
    /// Worked by hand: the mean (163 × 70 + 19 × 160) / 182 = 79.4, over the target of 77.
    @Test func aWholeSeasonOfStationDataIsReviewedAgainstItsTargetAndPace() throws {
        let town = try Town(settings: [["air-target", "--node", TestGrid.county, "--season", "2020", "--pm25", "77", "--heavy-days", "24"]])
        let start = ReviewMonth(year: 2020, month: 10).start
        let rows = ["站点,网格编码,时间,PM2.5,PM10"] + (0..<182).map { index in
            let day = String(BeijingTime.format(start.adding(milliseconds: Int64(index) * 86_400_000)).prefix(10))
            return "聊城东昌,\(TestGrid.county),\(day),\(index % 10 == 0 ? 160 : 70),100"
        }
        let file = town.folder.appendingPathComponent("2020-2021.csv")
        try Data(rows.joined(separator: "\n").utf8).write(to: file)
        #expect(try town.supervisor.expectSuccess(["import", "air", file.path]).contains("记录 182 个站点日"))
        let review = try town.supervisor.expectSuccess(["review", "targets", "--season", "2020"])
        #expect(review.contains("182/182") && review.contains("79.4") && review.contains("落后：发预警通知函"), "\(review)")
        // 19 heavy days, within the 24 the whole season allows: the PM2.5 mean alone puts it behind.
        #expect(review.contains(" 19 ") && review.contains(" 24 "), "\(review)")
    }
}

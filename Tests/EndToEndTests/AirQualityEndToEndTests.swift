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
}

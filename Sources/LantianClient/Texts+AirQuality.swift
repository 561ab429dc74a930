import Foundation
import LantianDomain
import LantianFiles

/// Air quality in words: an import's outcome, and the season's pace per county.
extension Texts {
    public func airImported(recorded: Int, unchanged: Int, problems: [RowProblem]) -> String {
        var lines = [say("空气质量数据：记录 \(recorded) 个站点日，\(unchanged) 个与已有相同未重复记录", "Air data: \(recorded) station-day(s) recorded, \(unchanged) unchanged")]
        if !problems.isEmpty {
            lines.append(say("以下 \(problems.count) 处未导入：", "\(problems.count) not imported:"))
            lines += problems.map { "  " + rowProblem($0) }
        }
        return lines.joined(separator: "\n")
    }

    /// `lantian review targets`: each county's season to date against its targets.
    public func airPaceTable(_ pace: AirQualityPace) -> String {
        let period = say("\(pace.season)—\(pace.season + 1) 年秋冬季", "Autumn and winter \(pace.season)–\(pace.season + 1)")
        guard pace.counties.contains(where: { $0.days > 0 || $0.target != nil }) else {
            return say("\(period)：本机没有空气质量数据或目标（lantian import air；目标由管理员用 lantiand config air-target 设置）",
                       "\(period): no air-quality data or targets on this device (lantian import air; targets: lantiand config air-target)")
        }
        let rows = pace.counties.filter { $0.days > 0 || $0.target != nil }.map { county -> [String] in
            let pace = county.isOffPace ? say("落后：发预警通知函", "behind: warning letter")
                : county.pm25OnPace == nil ? "—" : say("达到", "on pace")
            return [county.name, "\(county.days)/\(county.elapsed)", county.meanPM25.map { String(format: "%.1f", $0) } ?? "—",
                    county.target.map { String(format: "%.0f", $0.target.pm25) } ?? "—", "\(county.heavyDays)",
                    county.allowedHeavyDays.map { "\($0)" } ?? "—", county.target.map { "\($0.target.heavyDays)" } ?? "—", pace]
        }
        var lines = [period + say("至今（PM2.5 微克/立方米；重污染日 AQI>200，HJ 633-2012）", " so far (PM2.5 µg/m³; heavy days: AQI > 200, HJ 633-2012)"),
                     TextTable(header: [say("县区", "County"), say("有数据天数", "Days"), say("PM2.5 均值", "PM2.5"), say("目标", "Target"),
                                        say("重污染天数", "Heavy days"), say("按进度允许", "Allowed so far"), say("全季目标", "Season target"), say("时序进度", "Pace")],
                               rows: rows).rendered(width: columns)]
        for county in pace.counties where county.departsFromTierRule {
            if let set = county.target, let tiered = set.tiered {
                lines.append(say("\(county.name)：设定目标 PM2.5 \(String(format: "%.0f", set.target.pm25))、重污染 \(set.target.heavyDays) 天，与分档规则（聊城方案附件 2）算出的 \(String(format: "%.0f", tiered.pm25))、\(tiered.heavyDays) 天不一致，以设定值为准",
                                 "\(county.name): the target set (PM2.5 \(String(format: "%.0f", set.target.pm25)), \(set.target.heavyDays) heavy days) differs from the tier rule's \(String(format: "%.0f", tiered.pm25)), \(tiered.heavyDays); the target set applies"))
            }
        }
        lines.append(say("规则：PM2.5 季均值至今不高于目标，且重污染天数不超过全季目标按已过天数折算（向上取整），为达到时序进度。",
                         "Rule: on pace when the PM2.5 mean so far is at or under the target and the heavy days do not exceed the season's target in proportion to the days elapsed (rounded up)."))
        return lines.joined(separator: "\n")
    }
}

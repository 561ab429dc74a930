import Foundation
import LantianDomain
import LantianFiles

/// Heavy-pollution alerts in words: declarations, the checks due, a check's outcome, compliance.
extension Texts {
    public func alertDeclared(_ alert: Alert, names: [String: String]) -> String {
        say("已发布\(alert.level.name(in: language))：\(names[alert.node] ?? alert.node)，至 \(BeijingTime.format(alert.declaration.until))（编号 \(short(alert.id))）。范围内各设备同步后即显示应检查的企业和工地（lantian alert show）；未落实的措施 \(alert.declaration.deadlineHours) 小时内整改。",
            "Declared a \(alert.level.name(in: language)) over \(names[alert.node] ?? alert.node) until \(BeijingTime.format(alert.declaration.until)) (\(short(alert.id))). Devices in scope show the checks due once synced (lantian alert show); a measure not taken is due within \(alert.declaration.deadlineHours) h.")
    }

    public func alertLifted(_ alert: Alert) -> String {
        say("预警 \(short(alert.id)) 已于 \(BeijingTime.format(alert.end)) 解除：此后不再产生检查任务。", "Alert \(short(alert.id)) lifted at \(BeijingTime.format(alert.end)): no more checks are due.")
    }

    public func alertTable(_ alerts: [Alert], now: Timestamp, names: [String: String]) -> String {
        if alerts.isEmpty { return say("暂无重污染天气预警", "No heavy-pollution alert") }
        return TextTable(header: [say("编号", "Id"), say("级别", "Level"), say("范围", "Area"), say("开始", "From"), say("结束", "Until"), say("状态", "State")],
                         rows: alerts.map { alert in
                             [short(alert.id), alert.level.name(in: language), names[alert.node] ?? alert.node, BeijingTime.format(alert.declaredAt),
                              BeijingTime.format(alert.end),
                              alert.isInForce(at: now) ? say("生效中", "in force") : alert.liftedAt != nil ? say("已解除", "lifted") : say("已结束", "ended")]
                         }, droppable: [3]).rendered(width: columns)
    }

    /// The checks each alert in force asks within the user's scope, unchecked first.
    public func alertDutiesTable(_ duties: [(alert: Alert, duties: [AlertDuty])], names: [String: String]) -> String {
        if duties.isEmpty { return say("您的范围内现在没有生效的重污染天气预警", "No heavy-pollution alert is in force in your scope now") }
        return duties.map { entry in
            let rows = entry.duties.sorted { ($0.check != nil ? 1 : 0, $0.node, $0.name) < ($1.check != nil ? 1 : 0, $1.node, $1.name) }.map { duty in
                [short(duty.place), duty.target == .enterprise ? say("企业", "enterprise") : say("工地", "dust site"), duty.name, names[duty.node] ?? duty.node,
                 duty.check.map { $0.failed.isEmpty ? say("已查：落实", "checked: complied") : say("已查：\($0.failed.count) 项未落实", "checked: \($0.failed.count) not taken") }
                    ?? say("待检查", "to check"),
                 duty.measures.joined(separator: say("；", "; "))]
            }
            let done = entry.duties.filter { $0.check != nil }.count
            return say("\(entry.alert.level.name(in: language))（\(short(entry.alert.id))，至 \(BeijingTime.format(entry.alert.end))）：应查 \(entry.duties.count) 处，已查 \(done) 处；每个网格每天收工时、上半夜均须巡查",
                       "\(entry.alert.level.name(in: language)) (\(short(entry.alert.id)), until \(BeijingTime.format(entry.alert.end))): \(done) of \(entry.duties.count) places checked; every cell is to be patrolled after work and in the first half of the night every day")
                + "\n" + TextTable(header: [say("编号", "Id"), say("类型", "Kind"), say("名称", "Name"), say("所在地", "Place"), say("检查", "Check"), say("应落实措施", "Measures")],
                                   rows: rows, droppable: [1, 3], overflow: .wrap).rendered(width: columns)
                + "\n" + say("检查：lantian alert check 编号 --all-passed，或 --failed \"措施\"（可多次）", "Check: lantian alert check ID --all-passed, or --failed \"measure\" (repeatable)")
        }.joined(separator: "\n\n")
    }

    public func alertChecked(_ duty: AlertDuty, opened: [TicketReported]) -> String {
        opened.isEmpty
            ? say("\(duty.name)：各项措施均已落实，已记录", "\(duty.name): every measure taken; recorded")
            : say("\(duty.name)：\(opened.count) 项措施未落实，已各上报一个问题，须在 \(opened.first?.deadline.map(BeijingTime.format) ?? "—") 前整改",
                  "\(duty.name): \(opened.count) measure(s) not taken; an issue opened for each, due by \(opened.first?.deadline.map(BeijingTime.format) ?? "—")")
    }

    public func reductionListImported(listed: Int, revised: Int, unchanged: Int, problems: [RowProblem]) -> String {
        var lines = [say("应急减排清单：新增 \(listed) 家企业，修订 \(revised) 家（等级或措施有变），\(unchanged) 家未变",
                         "Reduction list: \(listed) enterprise(s) added, \(revised) revised (grade or measures changed), \(unchanged) unchanged")]
        if !problems.isEmpty {
            lines.append(say("以下 \(problems.count) 行无法读取，已跳过，其余已导入：", "\(problems.count) row(s) could not be read and were skipped; the rest were imported:"))
            lines += problems.map { "  " + rowProblem($0) }
        }
        return lines.joined(separator: "\n")
    }

    /// Compliance with each alert: per township, then the places nobody checked, then the issues.
    public func alertComplianceTable(_ reviews: [AlertCompliance], names: [String: String]) -> String {
        if reviews.isEmpty { return say("本期没有重污染天气预警", "No heavy-pollution alert in the period") }
        return reviews.map { review in
            [say("\(review.alert.level.name(in: language))：\(names[review.alert.node] ?? review.alert.node)，\(BeijingTime.format(review.alert.declaredAt)) 至 \(BeijingTime.format(review.alert.end))",
                 "\(review.alert.level.name(in: language)): \(names[review.alert.node] ?? review.alert.node), \(BeijingTime.format(review.alert.declaredAt)) to \(BeijingTime.format(review.alert.end))"),
             TextTable(header: [say("乡镇（街道）", "Township"), say("应查", "Due"), say("已查", "Checked"), say("落实", "Complied"), say("未落实措施", "Measures not taken"), say("落实率", "Rate")],
                       rows: review.townships.map { [$0.name, "\($0.due)", "\($0.checked)", "\($0.compliant)", "\($0.failedMeasures)", percent($0.rate)] })
                .rendered(width: columns),
             review.notInspected.isEmpty ? say("应查的企业和工地均已检查。", "Every place due was checked.")
                : say("未检查（\(review.notInspected.count) 处）：", "Not checked (\(review.notInspected.count)): ") + review.notInspected.map(\.name).joined(separator: say("、", ", ")),
             say("未落实措施上报问题 \(review.issuesOpened) 个，已销号 \(review.issuesClosed) 个，逾期 \(review.issuesOverdue) 个。",
                 "\(review.issuesOpened) issue(s) opened for measures not taken, \(review.issuesClosed) closed out, \(review.issuesOverdue) overdue.")].joined(separator: "\n")
        }.joined(separator: "\n\n")
    }
}

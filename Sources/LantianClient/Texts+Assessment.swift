import Foundation
import LantianDomain
import LantianFiles

/// The assessment (考核) in words: the summary line, the ranked table, the townships flagged.
extension Texts {
    func assessmentSummary(_ assessment: TownshipAssessment) -> String {
        let grades = AssessmentGrade.allCases.map { grade in "\(grade.name(in: language)) \(assessment.rows.filter { $0.grade == grade }.count)" }
        var text = say("本月考核 \(assessment.rows.count) 个乡镇（街道）：", "\(assessment.rows.count) township(s) assessed: ") + grades.joined(separator: say("、", ", ")) + say("。", ".")
        if !assessment.top.isEmpty {
            text += say("前列：", " Best: ") + assessment.top.map(\.name).joined(separator: say("、", ", "))
                + say("；后列：", "; worst: ") + assessment.bottom.map(\.name).joined(separator: say("、", ", ")) + say("。", ".")
        }
        let falsified = assessment.rows.filter(\.falsified)
        if !falsified.isEmpty {
            text += say("认定弄虚作假、考核不合格：", " Found to have falsified records, failed: ") + falsified.map(\.name).joined(separator: say("、", ", ")) + say("。", ".")
        }
        return text
    }

    func assessmentTable(_ assessment: TownshipAssessment) -> OfficialDocument.Table {
        let figures = AssessmentScheme.Figure.allCases.filter { figure in assessment.rows.contains { $0.figures[figure] != nil } && (assessment.scheme.weights[figure] ?? 0) > 0 }
        return OfficialDocument.Table(
            header: [say("名次", "Rank"), say("乡镇（街道）", "Township"), say("得分", "Score"), say("等次", "Grade")]
                + figures.map { "\($0.name(in: language))（\(String(format: "%.0f", assessment.scheme.weights[$0] ?? 0))）" } + [say("失职", "Neglect")],
            rows: assessment.rows.map { row in
                ["\(row.rank)", row.name, String(format: "%.1f", row.score), row.grade.name(in: language) + (row.falsified ? say("（弄虚作假）", " (falsified)") : "")]
                    + figures.map { figure in row.figures[figure].map { String(format: "%.0f", $0) } ?? "—" }
                    + [row.neglect == 0 ? "—" : say("\(row.neglect) 起（−\(Int(TownshipAssessment.neglectPenalty) * row.neglect)）", "\(row.neglect) (−\(Int(TownshipAssessment.neglectPenalty) * row.neglect))")]
            },
            highlighted: Set(assessment.rows.indices.filter { assessment.rows[$0].grade == .fail }))
    }

    /// How each figure is scored, where the scores are shown.
    var assessmentRules: String {
        say("评分规则：整改率×100；按期整改 100−20×逾期数；秸秆禁烧 100−10×火点数−10×未处置火点数；降尘不超限 100，超限按超出比例扣分；巡查覆盖率×100；应急减排落实率×100（最低 0 分）；每起失职扣 \(Int(TownshipAssessment.neglectPenalty)) 分；认定弄虚作假的不合格。",
            "Rules: rectification rate × 100; on time 100 − 20 × overdue; straw burning 100 − 10 × fire points − 10 × those not responded to; dust-fall 100 within the limit, less the excess as a share of it; patrol coverage × 100; alert compliance × 100 (never below 0); −\(Int(TownshipAssessment.neglectPenalty)) per neglect found; falsified records fail.")
    }

    /// `lantian review assessment --township`: the township's grid officers, ranked.
    public func officerAssessmentTable(_ assessment: OfficerAssessment, township: String) -> String {
        if assessment.rows.isEmpty { return say("\(township)没有登记的网格员", "\(township) has no grid officer registered") }
        return say("\(assessment.month) \(township)网格员考核（巡查覆盖 60，发现问题 40：每个 25 分，满分 100；无须巡查时只计发现）",
                   "Grid officers of \(township), \(assessment.month) (patrol coverage 60, issues found 40: 25 each up to 100)") + "\n"
            + TextTable(header: [say("名次", "Rank"), say("网格员", "Officer"), say("网格", "Cell"), say("得分", "Score"), say("等次", "Grade"),
                                 say("覆盖率", "Coverage"), say("巡查次数", "Patrols"), say("小时", "Hours"), say("发现问题", "Found")],
                        rows: assessment.rows.map { row in
                            ["\(row.rank)", row.officer, row.cellName, String(format: "%.1f", row.score), row.grade.name(in: language),
                             percent(row.coverage), "\(row.patrols)", String(format: "%.1f", row.hours), "\(row.found)"]
                        }, droppable: [7, 6, 2]).rendered(width: columns)
    }

    public func falsificationRecorded(_ month: ReviewMonth) -> String {
        say("已记录弄虚作假认定：该乡镇（街道）\(month) 考核不合格，同步后各端一致", "Recorded: the township fails the \(month) assessment, on every device once synced")
    }

    /// `lantian review assessment`: the summary, the table, the figures' rules, and who is to be summoned.
    public func assessmentReview(_ assessment: TownshipAssessment, flagged: [TownshipAssessment.Row]) -> String {
        let table = assessmentTable(assessment)
        var lines = [say("\(assessment.month) 乡镇（街道）考核（括号内为权重；无数据的项不计，其余按权重折算）", "Township assessment, \(assessment.month) (weights in brackets; a figure without data is left out)"),
                     assessmentSummary(assessment), TextTable(header: table.header, rows: table.rows).rendered(width: columns)]
        lines.append(flagged.isEmpty ? say("没有连续三个月排在后列的乡镇（街道）。", "No township was among the worst three months running.")
                     : say("连续三个月排在后列，建议约谈：", "Among the worst three months running, to be summoned: ") + flagged.map(\.name).joined(separator: say("、", ", ")))
        lines.append(assessmentRules)
        return lines.joined(separator: "\n")
    }
}

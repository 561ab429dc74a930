import Foundation
import LantianDomain

/// The monthly notice (月通报) in words: the order a county's notice uses.
extension Texts {
    public func notice(_ notice: MonthlyNotice, issuedAt now: Timestamp) -> String {
        let issues = notice.issues.rows
        let total = issues.reduce(0) { $0 + $1.total }, closed = issues.reduce(0) { $0 + $1.closed }
        let opened = issues.reduce(0) { $0 + $1.openedThisMonth }, closedThisMonth = issues.reduce(0) { $0 + $1.closedThisMonth }
        let open = issues.reduce(0) { $0 + $1.open }
        var text: [String] = [
            say("\(notice.county.name)大气污染防治网格化监管 \(notice.month.year) 年 \(notice.month.month) 月通报",
                "\(notice.county.name): grid supervision of air pollution, notice for \(notice.month)"),
            notice.month.end <= now
                ? say("（以月末为准：截至 \(String(BeijingTime.format(notice.month.end.adding(milliseconds: -1)).prefix(10))) 24:00 已记录的数据，依据本机已同步数据）",
                      "(as the month ended: what was recorded by \(String(BeijingTime.format(notice.month.end.adding(milliseconds: -1)).prefix(10))) 24:00, from the data synced to this device)")
                : say("（截至 \(BeijingTime.format(now))，依据本机已同步数据）", "(as of \(BeijingTime.format(now)), from the data synced to this device)"),
            "",
            say("一、总体情况", "1. Overview"),
            say("本月新发现问题 \(opened) 个，销号 \(closedThisMonth) 个；累计 \(total) 个，已销号 \(closed) 个，未销号 \(open) 个，逾期 \(notice.overdue.count) 个。",
                "This month \(opened) issue(s) found and \(closedThisMonth) closed out; \(total) in all, \(closed) closed, \(open) open, \(notice.overdue.count) overdue."),
        ]
        if let best = notice.best {
            var line = say("整改最好：\(best.name)（整改率 \(percent(best.rectificationRate))）",
                           "Best: \(best.name) (rectification rate \(percent(best.rectificationRate)))")
            if let worst = notice.worst {
                line += say("；最差：\(worst.name)（整改率 \(percent(worst.rectificationRate))，逾期 \(worst.overdue) 个）。",
                            "; worst: \(worst.name) (rate \(percent(worst.rectificationRate)), \(worst.overdue) overdue).")
            } else {
                line += say("。", ".")
            }
            text.append(line)
        } else if !notice.townshipsBestFirst.isEmpty {
            text.append(say("各乡镇（街道）整改情况相近或数据尚少，本月不作排名。", "The townships' figures are alike or too few to rank this month."))
        }
        text += ["", say("二、问题整改", "2. Issues by township"), issueReviewTable(notice.issues)]
        if !notice.townshipsWithoutIssues.isEmpty {
            text.append(say("本期没有问题记录的乡镇（街道）：", "Townships with no issue recorded: ")
                        + notice.townshipsWithoutIssues.map(\.name).joined(separator: say("、", ", ")) + say("。", "."))
        }
        text += ["", say("三、散乱污企业", "3. Scattered-polluting enterprises")]
        let ledgerOpen = notice.ledger.rows.reduce(0) { $0 + $1.open }, resurged = notice.ledger.rows.reduce(0) { $0 + $1.resurgences }
        text.append(say("台账未清零 \(ledgerOpen) 家，白名单 \(notice.ledger.whitelist.count) 家，死灰复燃 \(resurged) 起。",
                        "\(ledgerOpen) case(s) still open, \(notice.ledger.whitelist.count) on the whitelist, \(resurged) resurgence(s)."))
        text += ["", say("四、秸秆焚烧", "4. Straw burning")]
        let fires = notice.fires.rows.reduce(0) { $0 + $1.total }
        text.append(say("本月火点 \(fires) 个" + (notice.fires.repeatedPlaces.isEmpty ? "。" : "，其中重复起火地点 \(notice.fires.repeatedPlaces.count) 处。"),
                        "\(fires) fire point(s) this month" + (notice.fires.repeatedPlaces.isEmpty ? "." : "; \(notice.fires.repeatedPlaces.count) place(s) burned again.")))
        text += ["", say("五、扬尘管控", "5. Dust sites"), dustSiteReviewTable(notice.sites)]
        text += ["", say("六、降尘监测", "6. Dust-fall"), dustfallReviewTable(notice.dustfall)]
        let over = notice.dustfall.townships.filter(\.isOverLimit)
        if !over.isEmpty {
            text.append(say("超过限值：", "Over the limit: ") + over.map { "\($0.name) \(String(format: "%.2f", $0.average))" }.joined(separator: "、"))
        }
        text += ["", say("七、逾期问题", "7. Overdue issues")]
        text += notice.overdue.isEmpty ? [say("无。", "None.")] : notice.overdue.map { ticket in
            "  \(short(ticket.id))  \(ticket.node)  \(ticket.title)  " + say("期限 ", "due ") + (ticket.deadline.map(BeijingTime.format) ?? "—")
        }
        return text.joined(separator: "\n")
    }

    private func percent(_ rate: Double?) -> String { rate.map { String(format: "%.0f%%", $0 * 100) } ?? "—" }
}

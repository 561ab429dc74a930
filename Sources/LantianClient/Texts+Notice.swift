import Foundation
import LantianFiles
import LantianDomain

/// The monthly notice (月通报) in words: one document, in the order a county's notice uses, that the
/// terminal prints, the report shows as HTML and `notice --docx` writes as a Word file.
extension Texts {
    /// The notice as text for the terminal or a file.
    public func notice(_ notice: MonthlyNotice, issuedAt now: Timestamp) -> String {
        plainText(noticeDocument(notice, issuedAt: now))
    }

    /// The notice as the document the county's office issues: `issuer` at its head (by default the
    /// county's air-pollution office) and signing it, `number` its document number if it has one.
    public func noticeDocument(_ notice: MonthlyNotice, issuedAt now: Timestamp, issuer: String? = nil, number: String? = nil) -> OfficialDocument {
        let county = notice.county.name
        let issuer = issuer ?? say("\(county)大气污染防治工作领导小组办公室", "\(county) air pollution prevention office")
        let lastDay = String(BeijingTime.format(notice.month.end.adding(milliseconds: -1)).prefix(10))
        let issued = BeijingTime.civil(now)
        return OfficialDocument(
            issuer: issuer, number: number,
            title: say("\(county)大气污染防治网格化监管\(notice.month.year)年\(notice.month.month)月通报",
                       "\(county): grid supervision of air pollution, notice for \(notice.month)"),
            subtitle: notice.month.end <= now
                ? say("（以月末为准：截至 \(lastDay) 24:00 已记录的数据，依据本机已同步数据）",
                      "(as the month ended: what was recorded by \(lastDay) 24:00, from the data synced to this device)")
                : say("（截至 \(BeijingTime.format(now))，依据本机已同步数据）", "(as of \(BeijingTime.format(now)), from the data synced to this device)"),
            recipients: say("各乡镇人民政府、街道办事处", "To the township governments and street offices"),
            blocks: overview(notice) + issues(notice) + ledger(notice) + fires(notice) + dustSites(notice) + dustfall(notice) + overdue(notice)
                + numbered(air(notice) + alerts(notice) + assessment(notice)),
            signature: issuer,
            date: say("\(issued.year)年\(issued.month)月\(issued.day)日", "\(issued.day) \(Self.monthNames[issued.month - 1]) \(issued.year)"))
    }

    private func overview(_ notice: MonthlyNotice) -> [OfficialDocument.Block] {
        let issues = notice.issues.rows
        let total = issues.reduce(0) { $0 + $1.total }, closed = issues.reduce(0) { $0 + $1.closed }
        let opened = issues.reduce(0) { $0 + $1.openedThisMonth }, closedThisMonth = issues.reduce(0) { $0 + $1.closedThisMonth }
        let open = issues.reduce(0) { $0 + $1.open }
        var blocks: [OfficialDocument.Block] = [
            .heading(say("一、总体情况", "1. Overview")),
            .paragraph(say("本月新发现问题 \(opened) 个\(comparison(notice))，销号 \(closedThisMonth) 个；累计 \(total) 个，已销号 \(closed) 个，未销号 \(open) 个，逾期 \(notice.overdue.count) 个。",
                           "This month \(opened) issue(s) found\(comparison(notice)) and \(closedThisMonth) closed out; \(total) in all, \(closed) closed, \(open) open, \(notice.overdue.count) overdue.")),
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
            blocks.append(.paragraph(line))
        } else if !notice.townshipsBestFirst.isEmpty {
            blocks.append(.paragraph(say("各乡镇（街道）整改情况相近或数据尚少，本月不作排名。", "The townships' figures are alike or too few to rank this month.")))
        }
        return blocks
    }

    /// How many were found in the month before and a year before (环比, 同比), for those that had
    /// records by their end: before the grid was in use, a 0 would mislead.
    private func comparison(_ notice: MonthlyNotice) -> String {
        func opened(_ review: IssueReview?) -> Int? {
            guard let rows = review?.rows, rows.contains(where: { $0.total > 0 }) else { return nil }
            return rows.reduce(0) { $0 + $1.openedThisMonth }
        }
        let parts = [opened(notice.monthBefore).map { say("上月 \($0) 个", "\($0) the month before") },
                     opened(notice.yearBefore).map { say("去年同月 \($0) 个", "\($0) a year before") }].compactMap { $0 }
        return parts.isEmpty ? "" : say("（" + parts.joined(separator: "，") + "）", " (" + parts.joined(separator: ", ") + ")")
    }

    private func issues(_ notice: MonthlyNotice) -> [OfficialDocument.Block] {
        let review = notice.issues
        var blocks: [OfficialDocument.Block] = [.heading(say("二、问题整改", "2. Issues by township"))]
        if review.rows.isEmpty {
            blocks.append(.paragraph(say("本期暂无问题记录。", "No issue recorded for the period.")))
        } else {
            blocks.append(.table(.init(
                header: [say("乡镇（街道）", "Township"), say("累计", "Total"), say("本月新增", "New"), say("本月销号", "Closed"),
                         say("未销号", "Open"), say("逾期", "Overdue"), say("整改率", "Rate")],
                rows: review.rows.map { row in
                    [row.name, "\(row.total)", "\(row.openedThisMonth)", "\(row.closedThisMonth)", "\(row.open)", "\(row.overdue)", percent(row.rectificationRate)]
                },
                highlighted: Set(review.rows.indices.filter { review.rows[$0].overdue > 0 }))))
        }
        let byCategory = InspectionCategory.allCases.compactMap { category in review.openByCategory[category].map { "\(name(category)) \($0)" } }
        if !byCategory.isEmpty {
            blocks.append(.paragraph(say("未销号按类别：", "Open by category: ") + byCategory.joined(separator: say("，", ", ")) + say("。", ".")))
        }
        if let oldest = review.oldestOpen.first {
            blocks.append(.paragraph(say("最早未销号：\(oldest.title)（\(BeijingTime.format(oldest.reportedAt)) 上报，编号 \(short(oldest.id))）。",
                                         "Oldest open: \(oldest.title) (reported \(BeijingTime.format(oldest.reportedAt)), \(short(oldest.id))).")))
        }
        if !notice.townshipsWithoutIssues.isEmpty {
            blocks.append(.paragraph(say("本期没有问题记录的乡镇（街道）：", "Townships with no issue recorded: ")
                                     + notice.townshipsWithoutIssues.map(\.name).joined(separator: say("、", ", ")) + say("。", ".")))
        }
        return blocks
    }

    private func ledger(_ notice: MonthlyNotice) -> [OfficialDocument.Block] {
        let rows = notice.ledger.rows
        let open = rows.reduce(0) { $0 + $1.open }, resurged = rows.reduce(0) { $0 + $1.resurgences }
        var blocks: [OfficialDocument.Block] = [
            .heading(say("三、散乱污企业", "3. Scattered-polluting enterprises")),
            .paragraph(say("台账未清零 \(open) 家，白名单 \(notice.ledger.whitelist.count) 家，死灰复燃 \(resurged) 起。",
                           "\(open) case(s) still open, \(notice.ledger.whitelist.count) on the whitelist, \(resurged) resurgence(s).")),
        ]
        if !rows.isEmpty {
            blocks.append(.table(.init(
                header: [say("乡镇（街道）", "Township"), say("待处置", "Awaiting"), say("整治中", "In progress"), say("已取缔/搬迁", "Closed/moved"),
                         say("白名单", "Whitelist"), say("复燃", "Resurged"), say("未清零", "Open")],
                rows: rows.map { [$0.name, "\($0.awaitingDisposition)", "\($0.inProgress)", "\($0.closedDown)", "\($0.whitelisted)", "\($0.resurgences)", "\($0.open)"] },
                highlighted: Set(rows.indices.filter { rows[$0].resurgences > 0 }))))
        }
        return blocks
    }

    private func fires(_ notice: MonthlyNotice) -> [OfficialDocument.Block] {
        let rows = notice.fires.rows, total = rows.reduce(0) { $0 + $1.total }
        var blocks: [OfficialDocument.Block] = [
            .heading(say("四、秸秆焚烧", "4. Straw burning")),
            .paragraph(say("本月火点 \(total) 个" + (notice.fires.repeatedPlaces.isEmpty ? "。" : "，其中重复起火地点 \(notice.fires.repeatedPlaces.count) 处。"),
                           "\(total) fire point(s) this month" + (notice.fires.repeatedPlaces.isEmpty ? "." : "; \(notice.fires.repeatedPlaces.count) place(s) burned again."))),
        ]
        if total > 0 {
            blocks.append(.table(.init(
                header: [say("乡镇（街道）", "Township"), say("火点", "Fire points"), say("响应用时中位（分钟）", "Median response (min)")],
                rows: rows.map { [$0.name, "\($0.total)", $0.medianResponseMinutes.map { "\($0)" } ?? "—"] })))
        }
        return blocks
    }

    private func dustSites(_ notice: MonthlyNotice) -> [OfficialDocument.Block] {
        let review = notice.sites
        var blocks: [OfficialDocument.Block] = [
            .heading(say("五、扬尘管控", "5. Dust sites")),
            .paragraph(say("本月扬尘源应检 \(review.due) 处，已检 \(review.done) 处。", "\(review.done) of \(review.due) dust sites inspected this month.")),
        ]
        if !review.itemRates.isEmpty {
            blocks.append(.table(.init(
                header: [say("检查项", "Item"), say("不达标", "Failed"), say("检查次数", "Inspected"), say("不达标率", "Rate")],
                rows: review.itemRates.map { [review.items[$0.item].map { say($0.chinese, $0.english) } ?? $0.item, "\($0.failed)", "\($0.inspected)", percent($0.rate)] },
                highlighted: Set(review.itemRates.indices.filter { review.itemRates[$0].failed > 0 }))))
        }
        if !review.notInspected.isEmpty {
            blocks.append(.paragraph(say("本月未检查：", "Not inspected this month: ") + review.notInspected.map(\.registration.name).joined(separator: say("、", ", ")) + say("。", ".")))
        }
        if !review.lackingMonitoring.isEmpty {
            blocks.append(.paragraph(say("应装未装在线监测：", "Lacking required monitoring: ") + review.lackingMonitoring.map(\.registration.name).joined(separator: say("、", ", ")) + say("。", ".")))
        }
        return blocks
    }

    private func dustfall(_ notice: MonthlyNotice) -> [OfficialDocument.Block] {
        let townships = notice.dustfall.townships
        var blocks: [OfficialDocument.Block] = [.heading(say("六、降尘监测", "6. Dust-fall"))]
        guard !townships.isEmpty else { return blocks + [.paragraph(say("本月无降尘数据。", "No dust-fall figures this month."))] }
        blocks.append(.paragraph(say("各乡镇（街道）降尘均值排名如下（吨/平方公里·30天，低者居前）。", "Dust-fall by township, lowest first (t/(km²·30 d)).")))
        blocks.append(.table(.init(
            header: [say("名次", "Rank"), say("乡镇（街道）", "Township"), say("均值", "Average"), say("限值", "Limit"), say("同比", "Year on year")],
            rows: townships.map { ["\($0.rank)", $0.name, String(format: "%.2f", $0.average), String(format: "%.1f", $0.limit),
                                   $0.yearOnYear.map { String(format: "%+.1f%%", $0 * 100) } ?? "—"] },
            highlighted: Set(townships.indices.filter { townships[$0].isOverLimit }))))
        let over = townships.filter(\.isOverLimit)
        if !over.isEmpty {
            blocks.append(.paragraph(say("超过限值：", "Over the limit: ") + over.map { "\($0.name) \(String(format: "%.2f", $0.average))" }.joined(separator: say("、", ", "))
                                     + say("。", ".")))
        }
        return blocks
    }

    private func overdue(_ notice: MonthlyNotice) -> [OfficialDocument.Block] {
        let heading = OfficialDocument.Block.heading(say("七、逾期问题", "7. Overdue issues"))
        guard !notice.overdue.isEmpty else { return [heading, .paragraph(say("无。", "None."))] }
        return [heading, .table(.init(
            header: [say("编号", "Number"), say("所在地", "Place"), say("问题", "Issue"), say("整改期限", "Deadline")],
            rows: notice.overdue.map { [short($0.id), notice.placeNames[$0.node] ?? $0.node, $0.title, $0.deadline.map(BeijingTime.format) ?? "—"] }))]
    }

    /// A section per heavy-pollution alert of the month: how its measures were checked and kept.
    private func alerts(_ notice: MonthlyNotice) -> [OfficialDocument.Block] {
        guard !notice.alerts.isEmpty else { return [] }
        return [.heading(say("重污染天气应急", "Heavy-pollution alerts"))] + notice.alerts.flatMap { review -> [OfficialDocument.Block] in
            let alert = review.alert
            let rate = review.checked == 0 ? "—" : String(format: "%.0f%%", Double(review.compliant) / Double(review.checked) * 100)
            var blocks: [OfficialDocument.Block] = [.paragraph(say(
                "\(alert.level.name(in: language))（\(BeijingTime.format(alert.declaredAt)) 至 \(BeijingTime.format(alert.end))）：应查企业和工地 \(review.due) 处，已查 \(review.checked) 处，措施全部落实 \(review.compliant) 处（落实率 \(rate)）；未落实措施上报问题 \(review.issuesOpened) 个，已销号 \(review.issuesClosed) 个，逾期 \(review.issuesOverdue) 个。",
                "\(alert.level.name(in: language)) (\(BeijingTime.format(alert.declaredAt)) to \(BeijingTime.format(alert.end))): \(review.checked) of \(review.due) places checked, \(review.compliant) taking every measure (\(rate)); \(review.issuesOpened) issue(s) opened for measures not taken, \(review.issuesClosed) closed out, \(review.issuesOverdue) overdue."))]
            if !review.townships.isEmpty {
                blocks.append(.table(.init(
                    header: [say("乡镇（街道）", "Township"), say("应查", "Due"), say("已查", "Checked"), say("落实", "Complied"), say("落实率", "Rate")],
                    rows: review.townships.map { [$0.name, "\($0.due)", "\($0.checked)", "\($0.compliant)", percent($0.rate)] },
                    highlighted: Set(review.townships.indices.filter { review.townships[$0].compliant < review.townships[$0].checked }))))
            }
            if !review.notInspected.isEmpty {
                blocks.append(.paragraph(say("未检查：", "Not checked: ") + review.notInspected.map(\.name).joined(separator: say("、", ", ")) + say("。", ".")))
            }
            return blocks
        }
    }

    /// The county's air quality this month and over the season to date, against its targets and pace.
    private func air(_ notice: MonthlyNotice) -> [OfficialDocument.Block] {
        guard let air = notice.air else { return [] }
        let month = air.monthly[notice.month.description].map { String(format: "%.1f", $0) } ?? "—"
        let mean = air.meanPM25.map { String(format: "%.1f", $0) } ?? "—"
        let target = air.target.map { String(format: "%.0f", $0.target.pm25) } ?? "—"
        var text = say("本月 PM2.5 均值 \(month) 微克/立方米；秋冬季至月末均值 \(mean)（目标 \(target)），重污染 \(air.heavyDays) 天（按进度允许 \(air.allowedHeavyDays.map { "\($0)" } ?? "—") 天）。",
                       "PM2.5 this month \(month) µg/m³; the season to the month's end \(mean) (target \(target)), \(air.heavyDays) heavy day(s) (\(air.allowedHeavyDays.map { "\($0)" } ?? "—") allowed so far).")
        if air.isOffPace { text += say("改善幅度落后于时序进度，下发预警通知函。", " Behind the pace: a warning letter is due.") }
        text += say("（AQI 按 HJ 633-2012 由日均浓度计算，大于 200 为重污染日；时序进度：季均值不高于目标，重污染天数不超过全季目标按已过天数折算。）",
                    " (AQI per HJ 633-2012 from daily means, heavy above 200; on pace: the mean at or under the target, heavy days within the target's share of the days elapsed.)")
        return [.heading(say("空气质量", "Air quality")), .paragraph(text)]
    }

    /// The assessment of the townships: scores, grades and ranks, the best and the worst, the
    /// figures behind each.
    private func assessment(_ notice: MonthlyNotice) -> [OfficialDocument.Block] {
        guard let assessment = notice.assessment, !assessment.rows.isEmpty else { return [] }
        return [.heading(say("考核", "Assessment")), .paragraph(assessmentSummary(assessment)), .table(assessmentTable(assessment)),
                .paragraph(assessmentRules)]
    }

    /// The optional sections after the seventh, numbered on from 八 in the order they come.
    private func numbered(_ blocks: [OfficialDocument.Block]) -> [OfficialDocument.Block] {
        var next = 8
        return blocks.map { block in
            guard case .heading(let text) = block else { return block }
            defer { next += 1 }
            let numeral = ["八", "九", "十", "十一"][min(next - 8, 3)]
            return .heading(say("\(numeral)、\(text)", "\(next). \(text)"))
        }
    }

    /// The document for the terminal: title, the body's headings and paragraphs, tables fitted to its width.
    func plainText(_ document: OfficialDocument) -> String {
        var lines = [document.title] + (document.subtitle.map { [$0] } ?? [])
        for block in document.blocks {
            switch block {
            case .heading(let text): lines += ["", text]
            case .paragraph(let text): lines.append(fit(text))
            case .table(let table): lines.append(TextTable(header: table.header, rows: table.rows).rendered(width: columns))
            }
        }
        return lines.joined(separator: "\n")
    }


    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
}

import Foundation
import LantianFiles
import LantianDomain

/// What the client says about issues and the four categories.
extension Texts {
    // MARK: Names

    public func name(_ category: InspectionCategory) -> String { category.name(in: language) }

    public func name(_ state: TicketState) -> String { state.name(in: language) }

    public func name(_ kind: TicketStep.Kind?) -> String { kind?.name(in: language) ?? say("上报", "reported") }

    public func name(_ role: Role?) -> String {
        role?.name(in: language) ?? say("未登记用户", "an unregistered user")
    }

    public func name(_ state: EnterpriseState) -> String { state.name(in: language) }

    public func name(_ disposition: Disposition?) -> String { disposition?.name(in: language) ?? "—" }

    // MARK: Issues

    public func ticketRecorded(_ ticket: Ticket, step: TicketStep.Kind?) -> String {
        say("问题 \(short(ticket.id))：\(name(step))，当前“\(name(ticket.state))”。已保存在本机，同步后生效",
            "Issue \(short(ticket.id)): \(name(step)); now \(name(ticket.state)). Saved on this device; it takes effect when synced")
    }

    public func ticketReported(_ event: Event, _ report: TicketReported) -> String {
        if report.isReferral {
            return say("已移交问题 \(short(event.subject))（\(name(report.category))）给 \(report.node)：不在您的范围，由当地处置；同步后生效，可用 lantian issue list --mine 跟踪结果",
                       "Issue \(short(event.subject)) (\(name(report.category))) referred to \(report.node): outside your scope, for the office there; it takes effect when synced; follow it with lantian issue list --mine")
        }
        return say("已上报问题 \(short(event.subject))（\(name(report.category))，网格 \(report.node)）：\(report.title)。已保存在本机，待同步",
                   "Issue \(short(event.subject)) reported (\(name(report.category)), grid \(report.node)): \(report.title). Saved on this device, waiting to sync")
    }

    /// The issues as a table, a line each, places by name (`names`: grid code to name); `total`,
    /// when more were selected than are shown (the latest). On a narrow terminal the place, then
    /// the category, then the deadline are left out, and titles cut (`issue show` has them whole).
    public func ticketTable(_ tickets: [TicketSummary], now: Timestamp, total: Int? = nil, names: [String: String] = [:]) -> String {
        if tickets.isEmpty { return say("没有符合条件的问题", "No issues match") }
        let rows = tickets.map { ticket in
            [short(ticket.id), name(ticket.category), name(ticket.state) + (ticket.isOverdue(at: now) ? say("·逾期", "·overdue") : ""),
             names[ticket.node] ?? ticket.node, ticket.deadline.map(BeijingTime.format) ?? "—", ticket.title]
        }
        return TextTable(header: [say("编号", "Id"), say("类别", "Category"), say("状态", "State"), say("地点", "Place"),
                                  say("期限", "Deadline"), say("标题", "Title")], rows: rows, droppable: [3, 1, 4], overflow: .truncate)
            .rendered(width: columns)
            + "\n" + fit(count(tickets.count, of: total))
    }

    /// "N issues", or how many of more are shown.
    private func count(_ shown: Int, of total: Int?) -> String {
        guard let total, total > shown else { return say("共 \(shown) 个问题", "\(shown) issue(s)") }
        return say("共 \(total) 个问题，显示最近上报的 \(shown) 个；加 --limit 0 列出全部", "\(total) issue(s), the \(shown) last reported shown; --limit 0 lists all")
    }

    /// One issue whole; its place by name with its code (`names`: grid code to name); the record it
    /// follows from, named as a fire point when `originIsFire`.
    public func ticketDetail(_ ticket: Ticket, now: Timestamp, arrived: ReceivedAttachments, names: [String: String] = [:],
                             originIsFire: Bool = false) -> String {
        let node = names[ticket.report.node].map { "\($0)（\(ticket.report.node)）" } ?? ticket.report.node
        var lines = [
            "\(short(ticket.id))  \(ticket.report.title)",
            say("类别 \(name(ticket.report.category))，地点 \(node)，状态“\(name(ticket.state))”",
                "\(name(ticket.report.category)), \(node), \(name(ticket.state))")
                + (ticket.isOverdue(at: now) ? say("，已逾期", ", overdue") : ""),
        ]
        if let location = ticket.report.location { lines.append(say("位置 ", "Location ") + place(location)) }
        if let origin = ticket.report.origin {
            lines.append(originIsFire ? say("源自火点 \(short(origin))（lantian fire show \(short(origin))）", "From fire point \(short(origin)) (lantian fire show \(short(origin)))")
                                      : say("源自记录 \(short(origin))", "From record \(short(origin))"))
        }
        if ticket.report.isReferral { lines.append(say("移交件：上报人不在此处的管辖范围", "A referral: reported from outside this office's scope")) }
        if let assignee = ticket.assignee, let deadline = ticket.deadline {
            lines.append(say("整改责任人 \(assignee)，期限 \(BeijingTime.format(deadline))", "Assigned to \(assignee), due \(BeijingTime.format(deadline))"))
        }
        if let requested = ticket.requestedDeadline {
            lines.append(say("申请延期至 \(BeijingTime.format(requested))，待督导审批", "Extension to \(BeijingTime.format(requested)) asked for, awaiting a supervisor"))
        }
        if ticket.extensionCount > 0 { lines.append(say("已延期 \(ticket.extensionCount) 次", "Extended \(ticket.extensionCount) time(s)")) }
        // Each escalation with its level and who ordered it, in order (history holds the steps applied).
        for (level, entry) in zip(ticket.escalations, ticket.history.filter { $0.kind == .escalated }) {
            lines.append(say("已升级督办：\(level.name(in: language))（\(entry.actor)，\(BeijingTime.format(entry.at))）",
                             "Escalated: \(level.name(in: language)) (\(entry.actor), \(BeijingTime.format(entry.at)))"))
        }
        if ticket.reopenCount > 0 { lines.append(say("反弹 \(ticket.reopenCount) 次", "Reopened \(ticket.reopenCount) time(s)")) }
        if let next = nextStep(of: ticket) { lines.append(fit(next)) }
        lines.append(say("经过：", "History:"))
        lines += ticket.history.map { entry in
            let assignment = entry.assignee.map { assignee in
                " → \(assignee)" + (entry.deadline.map { say("，期限 \(BeijingTime.format($0))", ", due \(BeijingTime.format($0))") } ?? "")
            } ?? (entry.kind == .extensionRequested ? entry.deadline.map { say(" 至 \(BeijingTime.format($0))", " to \(BeijingTime.format($0))") } ?? "" : "")
                + (entry.transferredTo.map { node in " → " + (names[node].map { "\($0)（\(node)）" } ?? node) } ?? "")
            return "  \(BeijingTime.format(entry.at))  \(entry.actor)  \(name(entry.kind))" + assignment + (entry.note.isEmpty ? "" : "：\(entry.note)")
        }
        lines += evidenceLines(ticket, arrived: arrived)
        if !ticket.conflicts.isEmpty {
            lines.append(say("冲突（已保留，未生效，需处理）：", "Conflicts (kept, not applied, to resolve):"))
            lines += ticket.conflicts.map { "  \($0.actor)  \(name(TicketStep.Kind(rawValue: $0.attempted)))：\(describe($0.reason))" }
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Categories

    /// One fire point whole, with the issues that follow from it (its lead, whose id `issue show` takes).
    public func fireDetail(_ point: FirePoint, issues: [Ticket]) -> String {
        var lines = [
            say("火点 \(short(point.id))：\(place(point.location))，\(BeijingTime.format(point.observedAt))，来源 \(point.report.source.name(in: language))",
                "Fire point \(short(point.id)): \(place(point.location)), \(BeijingTime.format(point.observedAt)), \(point.report.source.name(in: language))"),
            say("上报人 \(point.reportedBy)，网格 \(point.report.node ?? "—")", "Reported by \(point.reportedBy), grid \(point.report.node ?? "—")"),
        ]
        if !point.note.isEmpty { lines.append(say("说明：", "Note: ") + point.note) }
        lines.append(point.response.map { say("已扑灭：\(BeijingTime.format($0.extinguishedAt))，\($0.by)", "Put out \(BeijingTime.format($0.extinguishedAt)) by \($0.by)") }
                     ?? say("尚未记录扑灭", "Not recorded as put out"))
        lines += point.accountability.map { say("追责：\($0.responsible)，\($0.measure)", "Held accountable: \($0.responsible), \($0.measure)") }
        lines.append(issues.isEmpty ? say("没有由此而来的问题", "No issue follows from it")
                                    : say("由此而来的问题：", "Issues that follow from it: ")
                                        + issues.map { "\(short($0.id))（\(name($0.state))）" }.joined(separator: say("、", ", ")))
        return lines.map(fit).joined(separator: "\n")
    }

    public func fireTable(_ points: [FirePointSummary]) -> String {
        if points.isEmpty { return say("暂无火点记录", "No fire points yet") }
        let rows = points.map { point in
            [short(point.id), BeijingTime.format(point.observedAt), place(point.location), point.reportedBy,
             point.responseMinutes.map { say("\($0) 分钟扑灭", "out in \($0) min") } ?? say("未扑灭", "not out"), point.note]
        }
        return TextTable(header: [say("编号", "Id"), say("发现时间", "Observed"), say("位置", "Location"), say("上报人", "Reported by"),
                                  say("处置", "Response"), say("备注", "Note")], rows: rows, droppable: [3, 2], overflow: .truncate)
            .rendered(width: columns)
            + "\n" + say("共 \(points.count) 个火点", "\(points.count) fire point(s)")
    }

    public func inspectionRecorded(_ site: DustSites.Site, opened: [TicketReported]) -> String {
        opened.isEmpty
            ? say("\(site.registration.name) 检查全部达标", "\(site.registration.name): every item passed")
            : say("\(site.registration.name) 检查有 \(opened.count) 项不达标，已各自上报问题：", "\(site.registration.name): \(opened.count) item(s) failed, each reported as an issue:")
                + "\n" + opened.map { "  " + $0.title }.joined(separator: "\n")
    }

    public func dustSiteTable(_ sites: DustSites) -> String {
        if sites.all.isEmpty { return say("暂无扬尘源", "No dust sites yet") }
        let rows = sites.all.map { site in
            [short(site.id), site.registration.name, site.registration.node, String(format: "%.0f", site.registration.areaSquareMetres),
             sites.lacksRequiredMonitoring(site) ? say("缺在线监测", "lacks monitoring") : "✓", "\(site.inspections.count)"]
        }
        return TextTable(header: [say("编号", "Id"), say("名称", "Name"), say("网格", "Grid"), say("面积㎡", "Area m²"),
                                  say("监测", "Monitoring"), say("检查次数", "Inspections")], rows: rows).rendered(width: columns)
    }

    public func dustfallRecorded(station: String, month: String, value: Double?, limit: Double, opened: TicketReported?) -> String {
        guard let value else { return say("\(station) \(month)：两个降尘缸都无有效值，已记录", "\(station) \(month): neither jar gives a value; recorded") }
        let figure = String(format: "%.2f", value)
        return opened == nil
            ? say("\(station) \(month) 降尘 \(figure) 吨/(平方公里·30天)，未超过限值 \(limit)", "\(station) \(month): \(figure) t/(km²·30 d), within the limit \(limit)")
            : say("\(station) \(month) 降尘 \(figure) 吨/(平方公里·30天)，超过限值 \(limit)，已上报问题", "\(station) \(month): \(figure) t/(km²·30 d), over the limit \(limit); an issue was reported")
    }

    public func enterpriseTable(_ ledger: Enterprises) -> String {
        if ledger.all.isEmpty { return say("暂无散乱污企业", "No scattered-polluting enterprises yet") }
        let rows = ledger.all.map { enterprise in
            [short(enterprise.id), enterprise.registration.name, enterprise.registration.node, name(enterprise.disposition), enterprise.stateName(in: language),
             "\(enterprise.resurgences)"]
        }
        return TextTable(header: [say("编号", "Id"), say("名称", "Name"), say("网格", "Grid"), say("处置", "Disposition"),
                                  say("状态", "State"), say("复燃", "Resurged")], rows: rows).rendered(width: columns)
    }

    public func enterpriseRegistered(_ enterprise: Enterprise, issues: [UUID]) -> String {
        enterpriseRecorded(enterprise) + issues.map { say("；已上报问题 \(short($0))", "; issue \(short($0)) reported") }.joined()
    }

    public func enterpriseRecorded(_ enterprise: Enterprise) -> String {
        say("\(enterprise.registration.name)（\(short(enterprise.id))）：\(name(enterprise.disposition))，\(enterprise.stateName(in: language))。已保存在本机",
            "\(enterprise.registration.name) (\(short(enterprise.id))): \(name(enterprise.disposition)), \(enterprise.stateName(in: language)). Saved on this device")
    }

    public func dustSiteRegistered(_ id: UUID, name: String) -> String {
        say("已登记扬尘源 \(short(id))：\(name)", "Dust site \(short(id)) registered: \(name)")
    }

    public func stationRegistered(code: String, name: String) -> String {
        say("已登记降尘监测点 \(code) \(name)", "Dust-fall station \(code) \(name) registered")
    }

    /// One row per station and month: the latest reading recorded for it, marked when it corrected an earlier one.
    public func dustfallTable(_ network: DustfallNetwork) -> String {
        let rows = network.stations.values.sorted { $0.code < $1.code }.flatMap { station in
            let readings = network.readings[station.code] ?? []
            return Set(readings.map(\.reading.month)).sorted().compactMap { month -> [String]? in
                guard let reading = network.reading(station: station.code, month: month) else { return nil }
                let corrected = readings.filter { $0.reading.month == month }.count > 1
                return [station.code, station.name, month + (corrected ? say("（已更正）", " (corrected)") : ""),
                        reading.dustfall.map { String(format: "%.2f", $0) } ?? "—", reading.valueJar?.rawValue ?? "—"]
            }
        }
        if rows.isEmpty { return say("暂无降尘数据", "No dust-fall readings yet") }
        return TextTable(header: [say("编码", "Code"), say("监测点", "Station"), say("月份", "Month"), say("降尘 t/(km²·30d)", "Dust-fall t/(km²·30d)"),
                                  say("取值缸", "Jar")], rows: rows).rendered(width: columns)
    }

    public func accountabilityRecorded(_ reference: String, responsible: String, measure: String) -> String {
        say("火点 \(reference) 已记录追责：\(responsible)，\(measure)", "Fire point \(reference): \(responsible) held accountable — \(measure)")
    }

    // MARK: Questions

    public var askLatitude: String {
        say("纬度（WGS 84，如 36.4512 或 36°27′04″；也可粘贴“纬度,经度”）：", "Latitude (WGS 84, e.g. 36.4512 or 36°27′04″; or paste \"latitude,longitude\"):")
    }
    public var askLongitude: String { say("经度（WGS 84，如 115.9853）：", "Longitude (WGS 84, e.g. 115.9853):") }
    public var askTitle: String { say("问题标题：", "Issue title:") }
    public var askNote: String { say("备注（可不填，回车跳过）：", "A note (optional, Enter to skip):") }
    public var askPhotos: String {
        say("照片文件（可不填，回车跳过；多张用空格分开）：", "Photo files (optional, Enter to skip; separate several with spaces):")
    }
    /// Said when a question that needs an answer gets none.
    public var answerRequired: String { say("这一项必须填写，请输入", "This one needs an answer; please type it") }
    /// Said when an answer cannot be read.
    public func answerNotUnderstood(_ answer: String) -> String {
        say("看不懂“\(answer)”：请按括号里的示例输入", "Cannot read '\(answer)': answer as the example in brackets shows")
    }
    public var askCategory: String {
        say("类别（1 散乱污  2 秸秆焚烧  3 扬尘  4 降尘）：", "Category (1 scattered-polluting, 2 straw burning, 3 dust, 4 dust-fall):")
    }
    public var askRiskySlot: String {
        say("这个时间看不出高发时段。是否下雨前或播种前？（1 下雨前  2 播种前  回车 都不是）：",
            "The time does not tell the risky slot. Before rain or before sowing? (1 before rain, 2 before sowing, Enter neither):")
    }

    public func askItemPassed(_ item: ChecklistItem) -> String {
        say("\(item.chinese) 达标吗？（y 达标 / n 不达标）：", "\(item.english): passed? (y / n):")
    }

    public func firmsImported(_ report: FIRMSImportReport, grid: Grid) -> String {
        let rows = report.importedByCounty.sorted { $0.key < $1.key }.map { code, count in [code, grid[code]?.name ?? "", "\(count)"] }
        var lines = [say("\(report.instrument) 卫星火点导入：新增 \(report.imported) 个（\(report.imported - report.historyOnly) 个各附一条待交办线索），其中移交外县区 \(report.referred) 个，已导入过 \(report.alreadyImported)，网格外 \(report.outsideGrid)，低于置信度门槛 \(report.belowThreshold)",
                         "\(report.instrument) fire points: \(report.imported) new (\(report.imported - report.historyOnly) with a lead issue to assign), \(report.referred) of them referred to other counties, \(report.alreadyImported) already imported, \(report.outsideGrid) outside the grid, \(report.belowThreshold) below the confidence threshold")]
        if report.historyOnly > 0 {
            lines.append(fit(say("其中 \(report.historyOnly) 个观测于 \(FIRMSImportReport.defaultMaxAgeHours) 小时以前（或 --max-age 所给时长以前），只作历史记录供审查，未开线索：文件是旧的吗？",
                                 "\(report.historyOnly) of them were seen longer ago than the age limit and are history for the reviews, with no lead: is the file old?")))
        }
        if report.referred > 0 {
            lines.append(fit(say("移交的火点由所在县区处置，您可跟踪结果：lantian issue list --mine", "Referred points are for their counties to handle; follow them with lantian issue list --mine")))
        }
        if !rows.isEmpty { lines.append(TextTable(header: [say("编码", "Code"), say("县区", "County"), say("新增", "New")], rows: rows).rendered(width: columns)) }
        if !report.problems.isEmpty {
            lines.append(say("以下 \(report.problems.count) 行无法读取，已跳过，其余已导入：", "\(report.problems.count) row(s) could not be read and were skipped; the rest were imported:"))
            lines += report.problems.map { "  " + rowProblem($0) }
        }
        return lines.joined(separator: "\n")
    }

    public func dustfallImported(_ report: DustfallImportReport) -> String {
        var lines = [say("降尘导入：新增 \(report.recorded) 条，更正 \(report.corrected) 条，已导入过 \(report.alreadyImported) 条；超限上报问题 \(report.opened) 个",
                         "Dust-fall import: \(report.recorded) new, \(report.corrected) corrected, \(report.alreadyImported) already imported; \(report.opened) over the limit, each an issue")]
        if !report.problems.isEmpty {
            lines.append(say("以下 \(report.problems.count) 行未导入（同一监测点当月的其余行一并未导入）：",
                             "\(report.problems.count) row(s) not imported (with the rest of their station's month):"))
            lines += report.problems.map { "  " + rowProblem($0) }
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Review

    public func issueReviewTable(_ review: IssueReview) -> String {
        if review.rows.isEmpty { return say("暂无问题", "No issues") }
        let rows = review.rows.map { row in
            [row.name, "\(row.total)", "\(row.open)", "\(row.overdue)", "\(row.escalated)", "\(row.openedThisMonth)", "\(row.closedThisMonth)",
             percent(row.rectificationRate),
             row.medianCloseOutHours.map { String(format: "%.1f", $0 / 24) } ?? "—"]
        }
        let byCategory = InspectionCategory.allCases.compactMap { category in
            review.openByCategory[category].map { "\(name(category)) \($0)" }
        }
        return say("\(review.month) 问题整改情况", "Issues, \(review.month)") + "\n" + TextTable(header: [
            say("乡镇（街道）", "Township"), say("合计", "Total"), say("未销号", "Open"), say("逾期", "Overdue"), say("升级", "Escalated"),
            say("本月新增", "New"), say("本月销号", "Closed"), say("整改率", "Rate"), say("本月销号用时中位（天）", "Median days to close"),
        ], rows: rows).rendered(width: columns)
            + (byCategory.isEmpty ? "" : "\n" + say("未销号按类别：", "Open by category: ") + byCategory.joined(separator: say("，", ", ")))
            + (review.oldestOpen.first.map { "\n" + say("最早未销号：\(short($0.id)) \($0.title)（\(BeijingTime.format($0.reportedAt)) 上报）",
                                                        "Oldest open: \(short($0.id)) \($0.title) (reported \(BeijingTime.format($0.reportedAt)))") } ?? "")
    }

    public func dustfallReviewTable(_ review: DustfallReview) -> String {
        if review.townships.isEmpty { return say("\(review.month) 无降尘数据", "No dust-fall figures for \(review.month)") }
        let rows = review.townships.map { township in
            ["\(township.rank)", township.name, String(format: "%.2f", township.average), String(format: "%.1f", township.limit),
             township.isOverLimit ? say("超标", "over") : "", township.yearOnYear.map { String(format: "%+.1f%%", $0 * 100) } ?? "—"]
        }
        return say("\(review.month) 乡镇降尘排名（吨/平方公里·30天，低者居前）", "Dust-fall by township, \(review.month) (t/(km²·30 d), lowest first)") + "\n"
            + TextTable(header: [say("名次", "Rank"), say("乡镇（街道）", "Township"), say("均值", "Average"), say("限值", "Limit"), "",
                                 say("同比", "Year on year")], rows: rows).rendered(width: columns)
    }

    public func ledgerTable(_ review: LedgerReview) -> String {
        if review.rows.isEmpty { return say("台账为空", "The ledger is empty") }
        let rows = review.rows.map { row in
            [row.name, "\(row.byDisposition[.banClose] ?? 0)", "\(row.byDisposition[.relocate] ?? 0)", "\(row.byDisposition[.upgrade] ?? 0)",
             "\(row.awaitingDisposition)", "\(row.inProgress)", "\(row.closedDown)", "\(row.whitelisted)", "\(row.resurgences)", "\(row.open)"]
        }
        return say("散乱污企业台账", "Scattered-polluting ledger") + "\n" + TextTable(header: [
            say("乡镇（街道）", "Township"), say("关停取缔", "Ban-close"), say("整合搬迁", "Relocate"), say("升级改造", "Upgrade"),
            say("待处置", "Awaiting"), say("整治中", "In progress"), say("已取缔/搬迁", "Closed/moved"), say("白名单", "Whitelist"), say("复燃", "Resurged"), say("未清零", "Open"),
        ], rows: rows).rendered(width: columns)
            + (review.whitelist.isEmpty ? "" : "\n" + say("白名单：", "Whitelist: ") + review.whitelist.map(\.registration.name).joined(separator: say("、", ", ")))
    }

    public func strawBurningTable(_ review: StrawBurningReview, month: ReviewMonth) -> String {
        if review.rows.isEmpty { return say("\(month) 无火点", "No fire points in \(month)") }
        let rows = review.rows.map { row in
            [row.name, "\(row.total)", row.perDay.sorted { $0.key < $1.key }.map { "\($0.key.suffix(5))×\($0.value)" }.joined(separator: " "),
             row.medianResponseMinutes.map { say("\($0) 分钟", "\($0) min") } ?? "—"]
        }
        var text = say("\(month) 秸秆焚烧火点", "Fire points, \(month)") + "\n" + TextTable(header: [
            say("乡镇（街道）", "Township"), say("火点", "Fires"), say("按日", "By day"), say("扑灭用时中位数", "Median response"),
        ], rows: rows).rendered(width: columns)
        if !review.repeatedPlaces.isEmpty {
            text += "\n" + say("重复起火地点（\(Int(StrawBurningReview.repeatRadiusMetres)) 米内、不同日期）：", "Places that burned again (within \(Int(StrawBurningReview.repeatRadiusMetres)) m, on different days):")
            text += review.repeatedPlaces.map { group in
                "\n  " + place(group[0].location) + "：" + group.map { BeijingTime.format($0.observedAt) }.joined(separator: "、")
            }.joined()
        }
        return text
    }

    public func dustSiteReviewTable(_ review: DustSiteReview) -> String {
        var lines = [say("\(review.month) 扬尘源检查：应检 \(review.due) 处，已检 \(review.done) 处", "Dust sites, \(review.month): \(review.done) of \(review.due) inspected")]
        if !review.itemRates.isEmpty {
            lines.append(TextTable(header: [say("检查项", "Item"), say("不达标", "Failed"), say("检查次数", "Inspected"), say("不达标率", "Rate")],
                                   rows: review.itemRates.map { [review.items[$0.item].map { say($0.chinese, $0.english) } ?? $0.item, "\($0.failed)", "\($0.inspected)", String(format: "%.0f%%", $0.rate * 100)] }).rendered(width: columns))
        }
        if !review.notInspected.isEmpty {
            lines.append(say("本月未检查：", "Not inspected this month: ") + review.notInspected.map(\.registration.name).joined(separator: "、"))
        }
        if !review.lackingMonitoring.isEmpty {
            lines.append(say("应装未装在线监测：", "Lacking required monitoring: ") + review.lackingMonitoring.map(\.registration.name).joined(separator: "、"))
        }
        return lines.joined(separator: "\n")
    }

    public func backlogTable(_ backlog: SyncBacklog) -> String {
        if backlog.all.isEmpty { return say("服务器尚未报告任何设备", "The server has reported no device yet") }
        let rows = backlog.all.map { device in
            [short(device.device), device.actor, device.lastSynced.map(BeijingTime.format) ?? say("从未", "never"),
             BeijingTime.format(device.lastSeen), "\(device.waiting)", device.clockSkew.map(clockOffset) ?? "—"]
        }
        return say("各设备同步情况（依据服务器报告）", "Devices as the server last saw them") + "\n" + TextTable(header: [
            say("设备", "Device"), say("用户", "User"), say("上次同步", "Last sync"), say("上次联系", "Last seen"), say("待上传", "Waiting"),
            say("时钟", "Clock"),
        ], rows: rows).rendered(width: columns)
    }

    public func exported(_ path: String) -> String { say("已导出 \(path)", "Exported \(path)") }
}

import Foundation
import LantianDomain
import LantianFiles

/// The review as one self-contained HTML page: inline CSS and inline SVG charts, no scripts and no
/// network resources, so it opens anywhere and can be sent as a file.
public struct HTMLReport {
    public var notice: MonthlyNotice
    public var timeline: IssueTimeline
    public var texts: Texts
    public var generatedAt: Timestamp
    /// The city's counties shaded by the month's fire points, the county's marks on them (set by
    /// ``FieldClient/htmlReport(county:month:texts:now:)``; `nil`: no boundaries to draw).
    var map: SVGMap?
    /// The county's issues month by month up to the report's month, each as it stood at its end.
    var trend: [IssueReview] = []

    public init(notice: MonthlyNotice, timeline: IssueTimeline, texts: Texts, generatedAt: Timestamp) {
        self.notice = notice
        self.timeline = timeline
        self.texts = texts
        self.generatedAt = generatedAt
    }

    public var rendered: String {
        let say = texts.say
        let title = say("\(notice.county.name)大气污染防治网格化监管 \(notice.month) 报告", "\(notice.county.name): grid supervision report, \(notice.month)")
        let dustfall = notice.dustfall.townships
        let limit = dustfall.map(\.limit).max() ?? DustfallLimit.standard
        // Every day of the month, those without fires as 0: a quiet week shows as one.
        let perDay = notice.fires.rows.reduce(into: [String: Int]()) { sum, row in sum.merge(row.perDay, uniquingKeysWith: +) }
        let days = Self.days(of: notice.month).map { (key: $0, value: perDay[$0] ?? 0) }
        let body = [
            "<h1>\(HTML.escape(title))</h1>",
            "<p class=\"meta\">\(HTML.escape(say("生成于 \(BeijingTime.format(generatedAt))，依据本机已同步数据", "Generated \(BeijingTime.format(generatedAt)) from the data synced to this device")))</p>",
            "<nav>\(say("本页无外部资源，可离线打开、转发。", "This page has no external resources: open it offline, send it as a file."))</nav>",
            map.flatMap { $0.isEmpty ? nil : "<section><h2>\(say("地图", "Map"))</h2>\($0.rendered)</section>" } ?? "",
            "<section><h2>\(say("降尘", "Dust-fall"))</h2>",
            chart(SVGBarChart(title: say("乡镇降尘均值与限值（吨/平方公里·30天）", "Dust-fall by township against the limit (t/(km²·30 d))"),
                              labels: dustfall.map(\.name), series: [.init(name: say("均值", "average"), values: dustfall.map(\.average), color: "#3b7dd8")],
                              reference: (limit, say("限值 \(limit)", "limit \(limit)")))),
            table([say("名次", "Rank"), say("乡镇（街道）", "Township"), say("均值", "Average"), say("限值", "Limit"), say("同比", "Year on year")],
                  dustfall.map { ["\($0.rank)", $0.name, String(format: "%.2f", $0.average), String(format: "%.1f", $0.limit),
                                  $0.yearOnYear.map { String(format: "%+.1f%%", $0 * 100) } ?? "—"] },
                  highlight: dustfall.map(\.isOverLimit)),
            "</section>",
            "<section><h2>\(say("问题整改", "Issues"))</h2>",
            chart(SVGBarChart(title: say("每周新增与销号", "Issues opened and closed per week"), labels: timeline.weeks.map { String($0.start.suffix(5)) },
                              series: [.init(name: say("新增", "opened"), values: timeline.weeks.map { Double($0.opened) }, color: "#e08a2c"),
                                       .init(name: say("销号", "closed"), values: timeline.weeks.map { Double($0.closed) }, color: "#3a9d5d")],
                              counts: true)),
            table([say("乡镇（街道）", "Township"), say("合计", "Total"), say("未销号", "Open"), say("逾期", "Overdue"), say("整改率", "Rate")],
                  notice.issues.rows.map { [$0.name, "\($0.total)", "\($0.open)", "\($0.overdue)", texts.percent($0.rectificationRate)] },
                  highlight: notice.issues.rows.map { $0.overdue > 0 }),
            trendSection,
            "</section>",
            "<section><h2>\(say("扬尘管控", "Dust sites"))</h2>",
            chart(SVGBarChart(title: say("各乡镇扬尘源应检与已检（处）", "Dust sites due and inspected by township"), labels: notice.sites.townships.map(\.name),
                              series: [.init(name: say("应检", "due"), values: notice.sites.townships.map { Double($0.due) }, color: "#9aa5b1"),
                                       .init(name: say("已检", "inspected"), values: notice.sites.townships.map { Double($0.done) }, color: "#3b7dd8")],
                              counts: true)),
            chart(SVGBarChart(title: say("各检查项不达标率（%）", "Failure rate by checklist item (%)"),
                              labels: notice.sites.itemRates.map { rate in notice.sites.items[rate.item].map { say($0.chinese, $0.english) } ?? rate.item },
                              series: [.init(name: say("不达标率", "failure rate"), values: notice.sites.itemRates.map { ($0.rate * 100).rounded() }, color: "#c8412f")])),
            "</section>",
            "<section><h2>\(say("散乱污企业", "Scattered-polluting enterprises"))</h2>",
            "<p>\(HTML.escape(ledgerLine))</p>",
            chart(SVGBarChart(title: say("各乡镇台账：处置进度（家）", "The ledger by township and state"), labels: notice.ledger.rows.map(\.name),
                              series: [.init(name: say("待处置", "awaiting"), values: notice.ledger.rows.map { Double($0.awaitingDisposition) }, color: "#c8412f"),
                                       .init(name: say("整治中", "in progress"), values: notice.ledger.rows.map { Double($0.inProgress) }, color: "#e08a2c"),
                                       .init(name: say("已取缔/搬迁", "closed/moved"), values: notice.ledger.rows.map { Double($0.closedDown) }, color: "#3a9d5d"),
                                       .init(name: say("白名单", "whitelist"), values: notice.ledger.rows.map { Double($0.whitelisted) }, color: "#9aa5b1")],
                              counts: true)),
            "</section>",
            "<section><h2>\(say("秸秆焚烧", "Straw burning"))</h2>",
            chart(SVGBarChart(title: say("每日火点", "Fire points per day"), labels: days.map { String($0.key.suffix(5)) },
                              series: [.init(name: say("火点", "fire points"), values: days.map { Double($0.value) }, color: "#c8412f")],
                              counts: true, labelEvery: 5)),
            "</section>",
            "<section class=\"notice\"><h2>\(say("通报全文", "The notice"))</h2>\(html(texts.noticeDocument(notice, issuedAt: generatedAt)))</section>",
        ]
        return """
            <!DOCTYPE html>
            <html lang="\(texts.language == .chinese ? "zh-CN" : "en")">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title))</title>
            <style>
            body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif; margin: 2rem auto; max-width: 760px; color: #222; padding: 0 1rem; }
            h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; margin-top: 2rem; }
            .meta, nav { color: #666; font-size: .85rem; }
            table { border-collapse: collapse; width: 100%; margin: .8rem 0; font-size: .9rem; }
            th, td { border-bottom: 1px solid #eee; padding: .3rem .5rem; text-align: left; } tr.warn td { background: #fdecea; }
            .notice h3 { font-size: 1.1rem; text-align: center; } .notice h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; } .notice p { text-indent: 2em; line-height: 1.7; }
            .notice p.meta { text-indent: 0; text-align: center; }
            svg .chart-title { font-size: 13px; font-weight: bold; } svg .tick, svg .label { font-size: 11px; fill: #555; }
            svg .axis { stroke: #999; } svg .grid { stroke: #eee; }
            svg .area { stroke: #777; stroke-width: 0.8; } svg .area.focus { stroke: #000; stroke-width: 2.4; } svg .area-label { font-size: 12px; fill: #000; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
            svg .mark { stroke: #000; stroke-width: 0.8; } svg .mark.fire { fill: #c8412f; } svg .mark.open { fill: #1f4e9c; } svg .mark.closed { fill: #fff; } svg .limit { stroke: #c8412f; stroke-dasharray: 6 4; stroke-width: 1.5; } svg .limit-label { font-size: 11px; fill: #c8412f; }
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>
            """
    }

    /// The last six months: issues found and closed out each month, and each township's open
    /// issues at each month's end, from the same as-of reviews the notice uses.
    private var trendSection: String {
        guard trend.count > 1 else { return "" }
        let say = texts.say
        let labels = trend.map { say("\($0.month.month)月", "\($0.month)") }
        let townships = trend.flatMap(\.rows).reduce(into: [(node: String, name: String)]()) { seen, row in
            if !seen.contains(where: { $0.node == row.node }) { seen.append((row.node, row.name)) }
        }.sorted { $0.node < $1.node }
        let openAtEnd = townships.map { township in
            [township.name] + trend.map { review in review.rows.first { $0.node == township.node }.map { "\($0.open)" } ?? "0" }
        }
        return [
            chart(SVGBarChart(title: say("近 \(trend.count) 个月新增与销号（个）", "Issues found and closed out, last \(trend.count) months"), labels: labels,
                              series: [.init(name: say("新增", "found"), values: trend.map { Double($0.rows.reduce(0) { $0 + $1.openedThisMonth }) }, color: "#e08a2c"),
                                       .init(name: say("销号", "closed out"), values: trend.map { Double($0.rows.reduce(0) { $0 + $1.closedThisMonth }) }, color: "#3a9d5d")],
                              counts: true)),
            "<p class=\"meta\">\(HTML.escape(say("各乡镇（街道）月末未销号问题数", "Open issues at each month's end, by township")))</p>",
            table([say("乡镇（街道）", "Township")] + labels, openAtEnd, highlight: openAtEnd.map { $0.last != "0" }),
        ].joined(separator: "\n")
    }

    /// The ledger in one line, measured against dynamic zero (动态清零): no case left open.
    private var ledgerLine: String {
        let open = notice.ledger.rows.reduce(0) { $0 + $1.open }
        return open == 0
            ? texts.say("台账已动态清零：没有待处置或整治中的企业。", "The ledger is at zero: no case awaiting disposition or in progress.")
            : texts.say("台账未清零 \(open) 家（目标：动态清零）。", "\(open) case(s) still open (the goal: none).")
    }

    /// The chart, or a line saying there is nothing to chart.
    private func chart(_ chart: SVGBarChart) -> String {
        chart.isEmpty ? "<p class=\"meta\">\(HTML.escape(chart.title))：\(texts.say("本期无数据", "no data for the period"))</p>" : chart.rendered
    }

    /// The notice's title, headings, paragraphs and tables as HTML.
    private func html(_ document: OfficialDocument) -> String {
        var parts = ["<h3>\(HTML.escape(document.title))</h3>"] + (document.subtitle.map { ["<p class=\"meta\">\(HTML.escape($0))</p>"] } ?? [])
        for block in document.blocks {
            switch block {
            case .heading(let text): parts.append("<h4>\(HTML.escape(text))</h4>")
            case .paragraph(let text): parts.append("<p>\(HTML.escape(text))</p>")
            case .table(let table):
                parts.append(self.table(table.header, table.rows, highlight: table.rows.indices.map(table.highlighted.contains)))
            }
        }
        return parts.joined(separator: "\n")
    }

    private func table(_ header: [String], _ rows: [[String]], highlight: [Bool]) -> String {
        guard !rows.isEmpty else { return "<p>\(texts.say("暂无数据", "No data"))</p>" }
        let head = "<tr>" + header.map { "<th>\(HTML.escape($0))</th>" }.joined() + "</tr>"
        let cells = zip(rows, highlight).map { row, warn in
            "<tr\(warn ? " class=\"warn\"" : "")>" + row.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>"
        }
        return "<table>\(head)\(cells.joined())</table>"
    }

    /// The days of `month` as `YYYY-MM-DD`, as the fire rows' days are written.
    static func days(of month: ReviewMonth) -> [String] {
        let days = (month.end.millisecondsSince1970 - month.start.millisecondsSince1970) / 86_400_000
        return (1...max(days, 1)).map { "\(month)-" + ($0 < 10 ? "0\($0)" : "\($0)") }
    }
}

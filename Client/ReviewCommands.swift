import ArgumentParser
import Foundation
import LantianClient
import LantianFiles
import LantianDomain

struct Review: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "督导审阅：按本机已同步的数据统计，可离线。Review what this device has synced; works offline.",
        subcommands: [Issues.self, Ledger.self, Fires.self, Sites.self, Dustfall.self, Patrols.self, Alerts.self, Assessment.self, Falsified.self, Targets.self, Backlog.self])

    struct Issues: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "各乡镇问题整改情况。Issues per township.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var month: MonthOption
        @Flag(help: "以 JSON 输出。Print JSON.") var json = false
        @Option(help: "导出全部问题为 CSV（UTF-8 带 BOM）。Export every issue as CSV.") var csv: String?
        @OptionGroup var header: HeaderOption
        @Option(help: "导出有位置的问题为 GeoJSON。Export located issues as GeoJSON.") var geojson: String?
        @Option(help: "导出为 Open311 GeoReport v2 JSON。Export as Open311 GeoReport v2.") var open311: String?

        func run() throws {
            try common.run { client, texts in
                let now = Timestamp.now()
                let review = try client.issueReview(month: try month.value(now: now), now: now)
                if csv != nil || open311 != nil || geojson != nil {
                    // Only exports read every issue.
                    let (all, grid) = (try client.tickets(TicketFilter(includeClosed: true), now: now), try client.grid())
                    try export(to: geojson, texts: texts) { try Exports.issuesGeoJSON(all, now: now) }
                    let whole = try client.wholeTickets(all), arrived = try client.arrivedEvidence(of: whole)
                    // The same columns as `issue list --csv`: one record of an issue for every export.
                    try export(to: csv, texts: texts) {
                        let names = try client.nodeNames()
                        return try Exports.csv(records: whole.map { JSONOutput.TicketRecord($0, now: now, arrived: arrived, texts: texts, names: names) },
                                               columns: texts.csvColumns(header: header.header))
                    }
                    try export(to: open311, texts: texts) {
                        try Exports.open311(whole, grid: grid, arrived: arrived, server: try client.localDevice()?.server)
                    }
                }
                print(json ? try JSONOutput.render(review.rows.map(JSONOutput.IssueReviewRow.init)) : texts.issueReviewTable(review))
            }
        }
    }

    struct Dustfall: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "乡镇降尘排名、超标与同比。Dust-fall by township: ranking, over-limit, year on year.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var month: MonthOption
        @OptionGroup var output: ListOutput

        func run() throws {
            try common.run { client, texts in
                let review = try client.dustfallReview(month: try month.value(now: .now()))
                try output.emit(review.townships.map(JSONOutput.DustfallReviewRow.init), texts: texts) { texts.dustfallReviewTable(review) }
            }
        }
    }
}

extension Review {
    struct Backlog: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "各设备上次同步时间与待上传数（依据服务器报告）。When each device last synced and what is known to wait.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: ListOutput

        func run() throws {
            try common.run { client, texts in
                let backlog = try client.syncBacklog()
                try output.emit(backlog.all.map(JSONOutput.BacklogRow.init), texts: texts) { texts.backlogTable(backlog) }
            }
        }
    }

    struct Ledger: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "散乱污台账：处置、白名单、复燃、未清零。The scattered-polluting ledger.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var output: ListOutput

        func run() throws {
            try common.run { client, texts in
                let review = try client.ledgerReview()
                try output.emit(review.rows.map(JSONOutput.LedgerRow.init), texts: texts) { texts.ledgerTable(review) }
            }
        }
    }

    struct Fires: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "秸秆焚烧：按乡镇按日火点、扑灭用时、重复起火地点。Fire points per township and day.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var month: MonthOption
        @OptionGroup var output: ListOutput

        func run() throws {
            try common.run { client, texts in
                let month = try month.value(now: .now())
                let review = try client.strawBurningReview(month: month)
                try output.emit(review.rows.map(JSONOutput.FireReviewRow.init), texts: texts) { texts.strawBurningTable(review, month: month) }
            }
        }
    }

    struct Sites: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "扬尘源：应检与已检、各项不达标率、缺在线监测。Dust-site inspections.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var month: MonthOption
        @OptionGroup var output: ListOutput

        func run() throws {
            try common.run { client, texts in
                let review = try client.dustSiteReview(month: try month.value(now: .now()))
                try output.emit(review.itemRates.map(JSONOutput.ItemRateRow.init), texts: texts) { texts.dustSiteReviewTable(review) }
            }
        }
    }
}

extension Review {
    struct Patrols: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "巡查覆盖：各网格应巡与已巡时段、无人巡查的网格、巡查时长、漏打卡。Patrol coverage: required and covered slots, cells nobody walked.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var month: MonthOption
        @Option(help: "网格编码（含下级），默认本人范围。A node, and below; default your scope.") var node: String?
        @OptionGroup var output: ListOutput

        func run() throws {
            try common.run { client, texts in
                let now = Timestamp.now()
                let coverage = try client.patrolCoverage(within: try node.map(client.nodeCode), month: try month.value(now: now), now: now)
                try output.emit(coverage.cells.map(JSONOutput.CoverageRow.init), texts: texts) { texts.patrolCoverageTable(coverage) }
            }
        }
    }
}

extension Review {
    struct Alerts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "重污染天气应急：各预警期间各乡镇检查落实率、未检查的企业和工地、问题整改。Alert compliance.")
        @OptionGroup var common: CommonOptions
        @OptionGroup var month: MonthOption

        func run() throws {
            try common.run { client, texts in
                let now = Timestamp.now()
                print(texts.alertComplianceTable(try client.alertCompliance(month: try month.value(now: now), now: now), names: try client.nodeNames()))
            }
        }
    }
}

extension Review {
    struct Assessment: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "乡镇（街道）月度考核：得分、等次、排名、连续三月后列（约谈）。The townships' monthly assessment.")
        @OptionGroup var common: CommonOptions
        @Option(help: "县区编码，默认本人范围。The county; default your scope.") var county: String?
        @Option(help: "给出乡镇（街道）时，考核其网格员。A township: assess its grid officers instead.") var township: String?
        @OptionGroup var month: MonthOption

        func run() throws {
            try common.run { client, texts in
                let now = Timestamp.now()
                if let township {
                    let code = try client.nodeCode(township)
                    let assessment = try client.officerAssessment(township: code, month: try month.value(now: now), now: now)
                    return print(texts.officerAssessmentTable(assessment, township: try client.nodeNames()[code] ?? code))
                }
                guard let county = try county ?? client.profile()?.scope else { throw FieldError.gridNotSynced }
                let (assessment, flagged) = try client.assessment(county: try client.nodeCode(county), month: try month.value(now: now), now: now)
                print(texts.assessmentReview(assessment, flagged: flagged))
            }
        }
    }

    struct Falsified: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "认定乡镇某月记录弄虚作假：该月考核不合格（督导）。Record that a township falsified a month's records: it fails that month.")
        @OptionGroup var common: CommonOptions
        @Option(help: "乡镇（街道）编码或名称。The township.") var township: String
        @Option(help: "月份 YYYY-MM。The month.") var month: String
        @OptionGroup var details: NoteOptions

        func run() throws {
            try common.run { client, texts in
                guard let month = ReviewMonth(month) else { throw InvalidValue(field: "month", rule: .invalidMonth) }
                guard !details.note.allSatisfy(\.isWhitespace) else { throw InvalidValue(field: "note", rule: .empty) }
                try client.recordFalsification(township: try client.nodeCode(township), month: month, note: details.note,
                                               evidence: try client.evidence(photos: details.photos), now: .now())
                print(texts.falsificationRecorded(month))
            }
        }
    }
}

extension Review {
    struct Targets: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "秋冬季空气质量目标与时序进度：PM2.5 均值、重污染天数、是否落后（预警通知函）。Air-quality targets and pace.")
        @OptionGroup var common: CommonOptions
        @Option(help: "秋冬季起始年份，如 2026 表示 2026—2027 年秋冬季；默认当前或最近的一季。The season's first year.") var season: Int?

        func run() throws {
            try common.run { client, texts in
                let now = Timestamp.now()
                // The season under way, or from April to September the last one.
                let month = ReviewMonth(containing: now), current = month.autumnWinterSeason ?? month.year - 1
                guard (2000...2100).contains(season ?? current) else { throw InvalidValue(field: "season", rule: .outOfRange(min: 2000, max: 2100)) }
                print(texts.airPaceTable(try client.airQualityPace(season: season ?? current, now: now)))
            }
        }
    }
}

struct MonthOption: ParsableArguments {
    @Option(help: "月份 YYYY-MM，默认本月。The month; default this month.") var month: String?

    func value(now: Timestamp) throws -> ReviewMonth {
        guard let month else { return ReviewMonth(containing: now) }
        guard let parsed = ReviewMonth(month) else { throw InvalidValue(field: "month", rule: .invalidMonth) }
        return parsed
    }
}

struct Notice: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "生成县区月通报（默认中文），可存为公文格式的 Word 文件。Write a county's monthly notice, also as a Word document.")
    @OptionGroup var common: CommonOptions
    @Option(help: "县区编码，如 371502。The county's code.") var county: String
    @OptionGroup var month: MonthOption
    @Option(help: "写入文本文件，默认输出到屏幕。Write the text to this file instead of the screen.") var output: String?
    @Option(help: "写成 Word 文件（.docx，GB/T 9704 公文格式）。Write a Word document (.docx) laid out as GB/T 9704 asks.") var docx: String?
    @Option(help: "发文机关，默认“某县区大气污染防治工作领导小组办公室”。The issuing office.") var issuer: String?
    @Option(help: "发文字号，如“东环网〔2026〕11号”。The document number.") var number: String?

    func run() throws {
        try common.run { client, texts in
            let now = Timestamp.now()
            let notice = try client.monthlyNotice(county: county, month: try month.value(now: now), now: now)
            if let docx {
                let document = texts.noticeDocument(notice, issuedAt: now, issuer: issuer, number: number)
                try document.wordprocessingML(createdAt: Date(timeIntervalSince1970: TimeInterval(now.millisecondsSince1970 / 1000)))
                    .write(to: URL(fileURLWithPath: docx), options: .atomic)
                print(texts.exported(docx))
            }
            let text = texts.notice(notice, issuedAt: now)
            if let output {
                try Data((text + "\n").utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
                print(texts.exported(output))
            } else if docx == nil {
                print(text)
            }
        }
    }
}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "生成县区 HTML 报告（内嵌图表，无外部资源）。Write a county's HTML report with charts.")
    @OptionGroup var common: CommonOptions
    @Option(help: "县区编码。The county's code.") var county: String
    @OptionGroup var month: MonthOption
    @Option(help: "HTML 文件。The HTML file to write.") var html: String

    func run() throws {
        try common.run { client, texts in
            let now = Timestamp.now()
            let page = try client.htmlReport(county: county, month: try month.value(now: now), texts: texts, now: now)
            try Data(page.rendered.utf8).write(to: URL(fileURLWithPath: html))
            print(texts.exported(html))
        }
    }
}

import ArgumentParser
import Foundation
import LantianClient
import LantianFiles
import LantianDomain

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "批量导入。Bulk imports.", subcommands: [FIRMS.self, FireList.self, DustfallReadings.self, ReductionList.self, Air.self])

    struct FIRMS: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "firms",
            abstract: "导入 NASA FIRMS 卫星火点为秸秆焚烧线索（督导、乡镇）。Import NASA FIRMS fire points as straw-burning leads.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "FIRMS CSV 文件（MODIS 或 VIIRS）。A FIRMS CSV file.") var file: String
        @Option(help: "MODIS 最低置信度 0–100（默认 30，即 nominal 及以上）。The lowest MODIS confidence kept.") var minConfidence = 30
        @Option(help: "VIIRS 最低置信度 l, n, h（默认 n）。The lowest VIIRS confidence kept.") var minLevel = "n"
        @Option(help: "早于多少小时的火点只作历史记录、不开线索（默认 72，0 为不限）。Older detections are history, not leads; 0 for no limit.")
        var maxAge = FIRMSImportReport.defaultMaxAgeHours

        func run() throws {
            try common.run { client, texts in
                let levels: [String: FIRMSDetection.Confidence.Level] = ["l": .low, "n": .nominal, "h": .high]
                guard let level = levels[minLevel], (0...100).contains(minConfidence) else {
                    throw InvalidValue(field: "confidence", rule: .outOfRange(min: 0, max: 100))
                }
                guard (0...87_600).contains(maxAge) else { throw InvalidValue(field: "maxAge", rule: .outOfRange(min: 0, max: 87_600)) }
                let report = try client.importFIRMS(path: file, minimumPercent: minConfidence, minimumLevel: level,
                                                    maxAgeHours: maxAge == 0 ? nil : maxAge, now: .now())
                print(texts.firmsImported(report, grid: try client.grid()))
            }
        }
    }

    struct FireList: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fire-list",
            abstract: "导入省级秸秆焚烧火点通报（.xlsx 或 CSV）为线索（督导、乡镇）。Import the provincial fire-point list (.xlsx or CSV) as leads.",
            discussion: """
                列 Columns: 时间, 中心经度, 中心纬度, 省, 市, 县。县与位置所在县区不符的行不导入并列出；范围外的火点移交所在县区。
                A row whose county is not where its point falls is left out and named; points outside your scope are referred to their counties.
                """)
        @OptionGroup var common: CommonOptions
        @Argument(help: "通报文件（.xlsx 或 CSV，UTF-8 或 GBK）。The list, .xlsx or CSV.") var file: String
        @Option(help: "早于多少小时的火点只作历史记录、不开线索（默认 72，0 为不限）。Older points are history, not leads; 0 for no limit.")
        var maxAge = FIRMSImportReport.defaultMaxAgeHours

        func run() throws {
            try common.run { client, texts in
                guard (0...87_600).contains(maxAge) else { throw InvalidValue(field: "maxAge", rule: .outOfRange(min: 0, max: 87_600)) }
                let report = try client.importProvincialFireList(path: file, maxAgeHours: maxAge == 0 ? nil : maxAge, now: .now())
                print(texts.firmsImported(report, grid: try client.grid()))
            }
        }
    }

    struct DustfallReadings: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dustfall",
            abstract: "导入降尘月度数据 CSV（督导、乡镇）。Import a month's dust-fall readings.",
            discussion: "列 Columns: station,jar,sampleGrams,blankGrams,openingSquareMetres,start,end[,invalid]（日期 YYYY-MM-DD）")
        @OptionGroup var common: CommonOptions
        @Argument(help: "CSV 文件。The CSV file.") var file: String

        func run() throws {
            try common.run { client, texts in print(texts.dustfallImported(try client.importDustfall(path: file, now: .now()))) }
        }
    }

    struct ReductionList: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reduction-list",
            abstract: "导入重污染天气应急减排清单（.xlsx 或 CSV）（督导、乡镇）。Import the emergency reduction list (.xlsx or CSV).",
            discussion: """
                列 Columns: 企业名称, 网格编码, 行业, 绩效等级（A、B、C、保障类或空）, 黄色预警措施, 橙色预警措施, 红色预警措施（多项用；分隔），可选 经度, 纬度。
                已在清单中的企业（同一网格同名）等级或措施有变的记为修订，未变的不重复记录。A listed enterprise (same name, same node) is revised when its grade or measures changed.
                """)
        @OptionGroup var common: CommonOptions
        @Argument(help: "清单文件（.xlsx 或 CSV，UTF-8 或 GBK）。The list, .xlsx or CSV.") var file: String

        func run() throws {
            try common.run { client, texts in
                let report = try client.importReductionList(path: file, now: .now())
                print(texts.reductionListImported(listed: report.listed, revised: report.revised, unchanged: report.unchanged, problems: report.problems))
            }
        }
    }

    struct Air: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "导入空气质量监测数据（逐时或逐日，CSV 或 .xlsx）（督导）。Import air-quality station data, hourly or daily.",
            discussion: """
                列 Columns: 站点, 网格编码（县区）, 时间（YYYY-MM-DD HH:MM 逐时，或 YYYY-MM-DD 逐日）, PM2.5, PM10，可选 SO2, NO2, CO（mg/m³）。
                逐时数据按日求均值，每日须至少 20 个有效小时。Hourly rows are averaged per day; a day needs 20 valid hours.
                """)
        @OptionGroup var common: CommonOptions
        @Argument(help: "数据文件。The file.") var file: String

        func run() throws {
            try common.run { client, texts in
                let report = try client.importAirData(path: file, now: .now())
                print(texts.airImported(recorded: report.recorded, unchanged: report.unchanged, problems: report.problems))
            }
        }
    }
}

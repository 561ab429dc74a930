import ArgumentParser
import Foundation
import LantianFiles
import LantianDomain
import LantianServer

extension Role: ExpressibleByArgument { public init?(argument: String) { self.init(word: argument) } }
extension GridLevel: ExpressibleByArgument {}
extension Datum: ExpressibleByArgument {}

/// Runs an administration command, printing any error as a sentence that says what to fix.
func administer(_ store: StoreOption, _ body: (Administration) throws -> Void) throws {
    try reportingFailure { try body(try Administration(location: store.location)) }
}

/// The language of the administrator's terminal: Chinese unless `LANG` (or `LC_ALL`, `LC_MESSAGES`) says English.
let language = Language.choose(flag: nil, environment: ProcessInfo.processInfo.environment)
/// What lantiand says, in that language.
let texts = AdministrationTexts(language)

/// Runs `body`; an error is printed as one line on standard error, in the terminal's language, and
/// ends the command with the error's exit status.
func reportingFailure(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch {
        let presentable = error as? any PresentableError
        // A damaged store's own message names the field client's repair; the server's remedy is a restore.
        let message = texts.damagedStore(error) ?? presentable?.message(in: language) ?? language.say("出错：\(error)", "Error: \(error)")
        FileHandle.standardError.write(Data("lantiand: \(message)\n".utf8))
        throw ExitCode(presentable?.exitStatus.rawValue ?? ExitStatus.failure.rawValue)
    }
}

struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "用户：角色与负责范围。Users: their roles and scopes.", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "添加用户或修改其角色、范围。Add a user, or change their role or scope.")

        @OptionGroup var db: StoreOption
        @Argument(help: "用户名，如 officer.zhang。The user name.") var name: String
        @Option(help: "角色：grid-officer, township-staff, supervisor, admin。The role.") var role: Role
        @Option(help: "负责的网格节点编码。The grid node (code) the user answers for.") var scope: String

        func run() throws {
            try administer(db) { admin in
                try admin.addUser(name: name, role: role, scope: scope)
                print(texts.userAdded(name, role: role, scope: scope))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出用户。List users.")
        @OptionGroup var db: StoreOption

        func run() throws {
            try administer(db) { admin in
                for user in try admin.users() { print(texts.userRow(user)) }
            }
        }
    }
}

struct GridCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grid", abstract: "网格：市、县、乡镇、村居。The grid: city, county, township, cell.",
        subcommands: [Import.self, Add.self, List.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "从文件导入网格；重复导入不产生新记录。Import the grid from files; importing again records only what changed.")

        @OptionGroup var db: StoreOption
        @Option(help: "市 编码:名称，如 371500:聊城市。The city, CODE:NAME.") var city: String
        @Option(help: "县区边界 GeoJSON（properties.adcode, name）。County boundaries, GeoJSON.") var counties: String
        @Option(help: "乡镇 CSV：code,name,countyCode。Townships CSV.") var townships: String
        @Option(help: "村居网格 CSV：code,name,townshipCode。Cells CSV.") var cells: String?
        @Option(help: "边界坐标系：gcj02（国内网络地图）或 wgs84；一律转换为 WGS 84 存储。The boundaries' datum; stored as WGS 84.")
        var datum: Datum

        func run() throws {
            let parts = city.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw ValidationError("--city \(city): use CODE:NAME, such as 371500:聊城市") }
            try administer(db) { admin in
                let report = try admin.importGrid(GridFiles(cityCode: parts[0], cityName: parts[1], counties: counties,
                                                            townships: townships, cells: cells, datum: datum))
                print(texts.gridImported(report))
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "添加或更名网格节点。Add or rename a grid node.")

        @OptionGroup var db: StoreOption
        @Argument(help: "节点编码，如 371502001。The node's code.") var code: String
        @Argument(help: "名称，如 古楼街道。The node's Chinese name.") var name: String
        @Option(help: "层级：city, county, township, cell。The level.") var level: GridLevel
        @Option(help: "上级节点编码（市级不填）。The parent's code (none for a city).") var parent: String?

        func run() throws {
            try administer(db) { admin in
                try admin.defineNode(code: code, name: name, level: level, parent: parent)
                print(texts.nodeDefined(code: code, name: name, level: level))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "列出网格树。Print the grid tree.")
        @OptionGroup var db: StoreOption

        func run() throws {
            try administer(db) { admin in
                print(texts.tree(try admin.grid()))
            }
        }
    }
}

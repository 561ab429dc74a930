import Foundation
import Testing

/// Bad input at the command line: a message that names the field and the rule, a non-zero exit,
/// and nothing written.
@Suite struct BadInputTests {
    @Test(arguments: [
        (["--lat", "95", "--lon", "115.98"], "纬度超出范围：应在 -90 到 90 之间"),
        (["--lat", "36.45", "--lon=-181"], "经度超出范围：应在 -180 到 180 之间"),
        (["--lat", "36.45", "--lon", "115.98", "--at", "2026-02-30 10:00"], "时间格式不对"),
        (["--lat", "36.45", "--lon", "115.98", "--at", "2099-06-01 10:00"], "时间不能晚于现在"),
        (["--lat", "36.45", "--lon", "115.98", "--note", String(repeating: "烟", count: 501)], "备注太长：最多 500 个字符"),
    ])
    func anImpossibleFirePointIsRefusedAndNothingIsRecorded(_ arguments: [String], _ message: String) throws {
        let officer = try FieldDevice(user: "officer.zhang", server: "127.0.0.1:1", folder: try temporaryFolder())
        let result = try officer.lantian(["fire", "report"] + arguments)
        #expect(result.status == 65)
        #expect(result.errors.contains(message))
        #expect(try officer.status().events == 0)
    }

    @Test func messagesAreInEnglishWhenAskedFor() throws {
        let officer = try FieldDevice(user: "officer.zhang", server: "127.0.0.1:1", folder: try temporaryFolder())
        let result = try officer.lantian(["fire", "report", "--lat", "95", "--lon", "115", "--lang", "en"])
        #expect(result.errors.contains("Latitude is out of range: it must be between -90 and 90"))
    }

    /// Finding 5 of the field-client review: ArgumentParser's own errors came out in English
    /// ("Error: Missing expected argument '--to <to>'"), and `--state 已上报` was refused.
    @Test(arguments: [
        (["issue", "assign", "4e41"], "错误：缺少 --to <to>：补上后再运行"),
        (["issue", "list", "--state", "nope"], "错误：--state <state> 的值“nope”无效：可用 reported、assigned、rectifying、rectification-reported、closed，或其中文名称"),
        (["dust", "site", "--name", "工地", "--kind", "construction", "--area", "-5"], "错误：--area <area> 缺少值（负数要紧跟等号写，如 --lon=-80）"),
        (["issue", "list", "--nod", "1"], "错误：没有选项 --nod，是不是 --node？"),
    ])
    func aCommandGivenWrongIsToldInChinese(_ arguments: [String], _ message: String) throws {
        let officer = try FieldDevice(user: "officer.zhang", server: "127.0.0.1:1", folder: try temporaryFolder())
        let result = try officer.lantian(arguments)
        #expect(result.status == 64)
        #expect(result.errors.contains(message), "\(result.errors)")
        #expect(!result.errors.contains("Error:") && !result.errors.contains("Usage:") && result.errors.contains("用法："))
        #expect(try officer.lantian(arguments + ["--lang", "en"]).errors.contains("Error:"))
    }

    @Test func valuesAreTakenByTheirChineseNamesToo() throws {
        let officer = try FieldDevice(user: "officer.zhang", server: "127.0.0.1:1", folder: try temporaryFolder())
        for (option, value) in [("--state", "已上报"), ("--category", "扬尘"), ("--state", "rectification reported")] {
            let result = try officer.lantian(["issue", "list", option, value])
            #expect(result.status == 0, "\(option) \(value): \(result.errors)")
        }
        let administrator = try run("lantiand", ["user", "add", "li", "--role", "网格员", "--scope", "371502001001",
                                                 "--db", try temporaryFolder().appendingPathComponent("s.sqlite").path])
        #expect(!administrator.errors.contains("无效"), "\(administrator.errors)")
    }

    @Test func aCommandBeforeSetUpSaysHowToSetUp() throws {
        let store = try temporaryFolder().appendingPathComponent("new.sqlite").path
        let result = try run("lantian", ["status", "--db", store])
        #expect(result.status == 65)
        #expect(result.errors.contains("lantian setup --user"))
    }

    @Test func aFileThatIsNotAStoreIsRefusedAndLeftUntouched() throws {
        let path = try temporaryFolder().appendingPathComponent("notes.sqlite").path
        let content = Data("巡查笔记，不是数据库\n".utf8)
        #expect(FileManager.default.createFile(atPath: path, contents: content))
        let result = try run("lantian", ["status", "--db", path])
        #expect(result.status == 65)  // bad input, as the README says
        #expect(result.errors.contains("不是蓝天数据文件"))
        #expect(FileManager.default.contents(atPath: path) == content)
    }

    @Test func aServerAddressThatIsNotHostAndPortIsRefused() throws {
        let store = try temporaryFolder().appendingPathComponent("device.sqlite").path
        let result = try run("lantian", ["setup", "--user", "officer.zhang", "--server", "localhost", "--db", store])
        #expect(result.status == 65)
        #expect(result.errors.contains("应为 主机:端口"))
    }

    @Test func aSecondServerOnATakenPortSaysSoAndTheFirstKeepsServing() throws {
        try withServer { lantiand, folder in
            let second = try run("lantiand", ["serve", "--db", folder.appendingPathComponent("other.sqlite").path,
                                              "--listen", lantiand.address], timeout: 20)
            #expect(second.status != 0)
            #expect(second.errors.contains("EADDRINUSE"))
            try BadFrameTests.expectASyncSucceeds(lantiand, folder)
        }
    }
}

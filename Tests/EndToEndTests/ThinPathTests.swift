import Foundation
import Testing

/// The walking skeleton's path, on the real binaries: record offline, sync, review.
@Suite struct ThinPathTests {
    @Test func anOfficerRecordsOfflineAndASupervisorSeesTheFirePointAfterBothSync() throws {
        let folder = try temporaryFolder()
        let port = try freePort()
        let server = "127.0.0.1:\(port)"
        let officer = try FieldDevice(user: "officer.zhang", server: server, folder: folder)

        try officer.reportFire(note: "麦茬地冒烟，已通知村委")
        let offline = try officer.status()
        #expect(offline.pending == 1)
        #expect(offline.reachable == false)
        let statusText = try officer.expectSuccess(["status"])
        #expect(statusText.contains("无法连接"))
        #expect(statusText.contains("1 条事件"))

        let lantiand = try ServerProcess(database: folder.appendingPathComponent("server.sqlite").path, port: port, folder: folder)
        #expect(try officer.expectSuccess(["sync"]).contains("上传 1 条"))
        let online = try officer.status()
        #expect(online.pending == 0)
        #expect(online.reachable == true)
        // The status names the server's epoch (the server printed it when it started).
        let statusLines = try officer.expectSuccess(["status"])
        #expect(statusLines.contains("服务器标识") && !statusLines.contains("服务器标识  —"))

        let supervisor = try FieldDevice(user: "supervisor.wang", server: server, folder: folder)
        try supervisor.expectSuccess(["sync"])
        let seen = try supervisor.firePoints()
        #expect(seen.map(\.note) == ["麦茬地冒烟，已通知村委"])
        #expect(seen.first?.reportedBy == "officer.zhang")
        #expect(seen.first?.observedAt == "2026-06-01T19:30:00+08:00")
        // A list shows the last 30 days (this fire is older) unless told otherwise.
        #expect(try supervisor.expectSuccess(["fire", "list"]).contains("暂无火点记录"))
        #expect(try supervisor.expectSuccess(["fire", "list", "--all"]).contains("officer.zhang"))
        #expect(try supervisor.lantian(["fire", "list", "--all"], environment: ["LANG": "en_US.UTF-8"]).output.contains("Reported by"))
        // A month lists the fire points observed in it; another month none; a month that is not one is refused.
        #expect(try supervisor.expectSuccess(["fire", "list", "--month", "2026-06"]).contains("officer.zhang"))
        #expect(try supervisor.expectSuccess(["fire", "list", "--month", "2026-07"]).contains("暂无火点记录"))
        #expect(try supervisor.json([FirePointJSON].self, ["fire", "list", "--month", "2026-07"]).isEmpty)
        #expect(try supervisor.lantian(["fire", "list", "--month", "2026-13"]).status == 65)

        #expect(lantiand.stop() == 0)
    }

    /// lantiand speaks its administrator's language: Chinese by default, English where LANG says so.
    @Test(arguments: [("zh_CN.UTF-8", "正在监听 127.0.0.1:", "已停止"), ("en_US.UTF-8", "listening on 127.0.0.1:", "stopped")])
    func theServerSpeaksTheLanguageOfItsTerminal(lang: String, ready: String, stopped: String) throws {
        let folder = try temporaryFolder()
        let lantiand = try ServerProcess(database: folder.appendingPathComponent("server.sqlite").path, port: try freePort(), folder: folder,
                                         lang: lang)
        #expect(lantiand.outputText.hasPrefix(ready))
        #expect(lantiand.stop() == 0)
        #expect(lantiand.logText.contains(stopped))
        #expect(lantiand.logText.contains("serving ") == lang.hasPrefix("en"))
    }

    @Test func aStoppedServerLeavesNothingRunningAndSyncSaysWhatToDo() throws {
        let folder = try temporaryFolder()
        let port = try freePort()
        let lantiand = try ServerProcess(database: folder.appendingPathComponent("server.sqlite").path, port: port, folder: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        try officer.reportFire(note: "第一处")
        try officer.expectSuccess(["sync"])
        #expect(lantiand.stop() == 0)
        #expect(lantiand.logText.contains("已停止"))

        try officer.reportFire(note: "第二处")
        let failed = try officer.lantian(["sync"])
        #expect(failed.status == 69)
        #expect(failed.errors.contains("记录都已保存在本机"))
        #expect(try officer.status().pending == 2)  // the fire point and the issue it opened
    }
}

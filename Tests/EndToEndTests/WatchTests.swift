import Foundation
import LantianDomain
import LantianStore
import Testing

/// `lantian sync --watch`: retries while the server is away, syncs within two seconds of its
/// return, then stays connected and receives other devices' events as they are accepted.
@Suite struct WatchTests {
    @Test func aWatchingClientSyncsWithinTwoSecondsOfTheServerReturningAndThenLive() throws {
        let folder = try temporaryFolder()
        let database = folder.appendingPathComponent("server.sqlite").path
        let port = try freePort()
        let address = "127.0.0.1:\(port)"
        let enrolling = try ServerProcess(database: database, port: port, folder: folder)  // enrolled at the office
        let officer = try FieldDevice(user: "officer.zhang", server: address, folder: folder)
        let supervisor = try FieldDevice(user: "supervisor.zhao", server: address, folder: folder)
        #expect(enrolling.stop() == 0)
        for index in 1...3 { try officer.reportFire(note: "离线记录 \(index)") }

        let watcher = try BackgroundProcess("lantian", ["sync", "--watch", "--db", officer.store], folder: folder)
        defer { watcher.stop(signal: SIGKILL) }
        Thread.sleep(forTimeInterval: 3)  // long enough for the backoff to reach its cap
        #expect(watcher.output.contains("重试"))

        let lantiand = try ServerProcess(database: database, port: port, folder: folder)
        let returned = Date()
        let officerDevice = try #require(try EventStore(path: officer.store).localDevice()).id
        let server = try EventStore(path: database)
        let synced = waitUntil(seconds: 10) { (try? server.highestCseq(of: officerDevice)) == 3 }
        let delay = Date().timeIntervalSince(returned)
        #expect(synced)
        #expect(delay < 2, "synced \(delay) s after the server returned")

        // Live: another device's event reaches the watcher without it asking.
        try supervisor.reportFire(note: "督导组发现")
        try supervisor.expectSuccess(["sync"])
        let officerStore = try EventStore(path: officer.store)
        #expect(waitUntil(seconds: 5) { ((try? officerStore.allEvents()) ?? []).contains { $0.actor == "supervisor.zhao" } })

        // And what the officer records while watching leaves at once.
        try officer.reportFire(note: "在线记录")
        #expect(waitUntil(seconds: 5) { (try? server.highestCseq(of: officerDevice)) == 5 })  // the fire point and its issue
        #expect(watcher.stop(signal: SIGTERM) == 0)
        #expect(lantiand.stop() == 0)
    }
}

/// Polls `condition` every 20 ms until it holds or `seconds` pass.
func waitUntil(seconds: TimeInterval, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.02)
    }
    return condition()
}

/// A long sync shows its progress at a terminal and only its summary line in a script.
@Suite struct ProgressTests {
    @Test func aSyncAtATerminalShowsProgressAndInAScriptOnlyTheSummary() throws {
        let folder = try temporaryFolder()
        let lantiand = try ServerProcess(database: folder.appendingPathComponent("server.sqlite").path, port: try freePort(), folder: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        let supervisor = try FieldDevice(user: "supervisor.zhao", server: lantiand.address, folder: folder)
        try recordBacklog(3_000, on: officer)

        let command = "\(try Binaries.path("lantian")) sync --lang en --db \(officer.store)"
        let atTerminal = try run(path: "/usr/bin/script", ["-qec", command, "/dev/null"], input: "")
        #expect(atTerminal.status == 0)
        #expect(atTerminal.output.contains("push 0/3000") || atTerminal.output.contains("push 1000/3000"), "\(atTerminal.output)")
        #expect(atTerminal.output.contains("Synced with \(lantiand.address): 3000 pushed"))

        let inScript = try supervisor.lantian(["sync", "--lang", "en"])
        #expect(inScript.output.split(separator: "\n").count == 1)
        #expect(inScript.output.contains("pulled"))
        #expect(try EventStore(path: supervisor.store).allEvents().filter { $0.actor == "officer.zhang" }.count == 3_000)
        #expect(inScript.errors.isEmpty)
    }
}

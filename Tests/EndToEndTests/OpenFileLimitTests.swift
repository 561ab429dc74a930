import Foundation
import Testing

/// Each connected device takes one open file: a server started with a low soft limit raises it to
/// the hard limit before it listens, and says how many devices it can take.
@Suite struct OpenFileLimitTests {
    @Test func theServerRaisesItsOpenFileLimitToTheHardLimit() throws {
        let folder = try temporaryFolder()
        let database = folder.appendingPathComponent("server.sqlite").path
        let lantiand = try ServerProcess(database: database, port: try freePort(), folder: folder,
                                         launcher: ["/usr/bin/prlimit", "--nofile=256:"])
        let limits = try #require(lantiand.openFileLimits())
        #expect(limits.hard > 256)
        #expect(limits.soft == limits.hard)
        let said = "可同时连接 \(limits.soft - 32) 台设备"
        let deadline = Date().addingTimeInterval(5)
        while !lantiand.logText.contains(said), Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(lantiand.logText.contains(said))
        #expect(lantiand.stop() == 0)
    }
}

import Foundation
import LantianStore
import Testing

/// The server's disk fills up during a push: the push fails with a retryable error, nothing stored
/// is damaged, the server keeps serving, and the sync completes once there is space again.
@Suite struct DiskFullTests {
    @Test(.enabled(if: SmallDisk.canMount, "mounting a tmpfs needs root"))
    func aFullDiskRefusesThePushRetryablyCorruptsNothingAndSyncResumesOnceFreed() throws {
        let folder = try temporaryFolder()
        let disk = try SmallDisk(in: folder, megabytes: 2)
        defer { disk.unmount() }
        let database = disk.path + "/server.sqlite"
        let lantiand = try ServerProcess(database: database, port: try freePort(), folder: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        let supervisor = try FieldDevice(user: "supervisor.zhao", server: lantiand.address, folder: folder)
        try recordBacklog(8_000, on: officer)

        let full = try officer.lantian(["sync"])
        #expect(full.status != 0, "the push fitted on a 2 MB disk")
        #expect(full.errors.contains("disk is full"), "the officer is not told the server's disk is full: \(full.errors)")
        #expect(full.errors.contains("稍后") || full.errors.contains("later"), "the officer is not told to try again: \(full.errors)")
        let held = try EventStore(path: database).count()
        #expect(try officer.status().pending > 0)
        #expect(try run(path: "/usr/bin/sqlite3", [database, "PRAGMA integrity_check"]).output == "ok\n")
        #expect(try supervisor.lantian(["sync"]).status == 0, "the server stopped serving reads when its disk filled")

        try disk.resize(megabytes: 64)
        try officer.expectSuccess(["sync"])
        try supervisor.expectSuccess(["sync"])
        #expect(try EventStore(path: database).count() > held)
        #expect(try run(path: "/usr/bin/sqlite3", [database, "PRAGMA integrity_check"]).output == "ok\n")
        #expect(lantiand.stop() == 0)
        try expectConverged(server: database, devices: [officer, supervisor])
    }
}

import Foundation
import LantianTestSupport
import LantianDomain
import LantianStore
import Testing

/// A server restored from a backup (`lantiand restore`) converges with every replica: devices
/// enrolled before or after the restore pull and verify everything, and a phone that was itself
/// put back to an older copy blocks nobody. Each test is a finding of the recovery review.
@Suite struct RestoreRecoveryTests {
    /// A server, its database, a backup taken now, and a way to restore it.
    struct RestorableServer {
        let folder: URL
        let port: UInt16
        let database: String
        var process: ServerProcess
        var address: String { process.address }

        init() throws {
            folder = try temporaryFolder()
            port = try freePort()
            database = folder.appendingPathComponent("server.sqlite").path
            process = try ServerProcess(database: database, port: port, folder: folder)
        }

        /// `lantiand backup` of the running server.
        func backUp(_ name: String = "nightly") throws -> String {
            let backup = folder.appendingPathComponent("\(name).sqlite").path
            let result = try run("lantiand", ["backup", "--db", database, "--to", backup])
            #expect(result.status == 0, "\(result.errors)")
            return backup
        }

        /// The disk dies: the server is killed, `backup` restored into a new file and served on the same port.
        mutating func restore(_ backup: String) throws -> String {
            process.kill()
            let restored = folder.appendingPathComponent("restored-\(UUID().uuidString.prefix(4)).sqlite").path
            let result = try run("lantiand", ["restore", "--from", backup, "--db", restored])
            #expect(result.status == 0, "\(result.errors)")
            process = try ServerProcess(database: restored, port: port, folder: folder)
            return restored
        }
    }

    /// Finding 1: a device enrolled after a restore could pull nothing ("N events … do not match
    /// their devices' signatures"), even from a backup of a freshly enrolled grid.
    @Test func aDeviceEnrolledAfterARestorePullsAndVerifiesEverything() throws {
        var server = try RestorableServer()
        let officer = try FieldDevice(user: "officer.zhang", server: server.address, folder: server.folder)
        try officer.expectSuccess(["sync"])
        let backup = try server.backUp()
        let restored = try server.restore(backup)

        let newcomer = try FieldDevice(user: "officer.li", server: server.address, folder: server.folder)
        try newcomer.expectSuccess(["sync"])
        try newcomer.reportFire(note: "恢复后入网")
        try newcomer.expectSuccess(["sync"])
        #expect(try newcomer.expectSuccess(["verify"]).contains("全部完好"))
        try officer.expectSuccess(["sync"])
        #expect(try officer.firePoints().map(\.note) == ["恢复后入网"])
        #expect(server.process.stop() == 0)
        try TestGrid.lantiand(["verify", "--db", restored])
    }

    /// Finding 2: after a restore, a phone restored from an older copy of its store made every
    /// sync of everyone who could see it fail with the signature message, for good.
    @Test func aPhonePutBackToAnOlderCopyAfterAServerRestoreBlocksNobody() throws {
        var server = try RestorableServer()
        let officer = try FieldDevice(user: "officer.zhang", server: server.address, folder: server.folder)
        let staff = try FieldDevice(user: "staff.wang", server: server.address, folder: server.folder)
        let supervisor = try FieldDevice(user: "supervisor.zhao", server: server.address, folder: server.folder)
        for index in 1...3 { try officer.reportFire(note: "副本前 \(index)") }
        for device in [officer, staff, supervisor] { try device.expectSuccess(["sync"]) }
        let copy = server.folder.appendingPathComponent("officer-copy.sqlite").path
        #expect(try run(path: "/usr/bin/sqlite3", [officer.store, ".backup '\(copy)'"]).status == 0)
        let old = try #require(try EventStore(path: officer.store).localDevice()).id
        for index in 1...2 { try officer.reportFire(note: "副本后 \(index)") }
        for device in [officer, staff, supervisor] { try device.expectSuccess(["sync"]) }

        // The server's disk dies and its backup is restored; the phone is reset to its older copy.
        let restored = try server.restore(try server.backUp())
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: officer.store + suffix) }
        try FileManager.default.copyItem(atPath: copy, toPath: officer.store)
        try officer.reportFire(note: "两次恢复后")

        for _ in 0..<2 { for device in [officer, staff, supervisor] { try device.expectSuccess(["sync"]) } }
        #expect(server.process.stop() == 0)
        try expectConverged(server: restored, devices: [officer, staff, supervisor], formerDevices: [old])
        #expect(try supervisor.firePoints().map(\.note).sorted() == ["两次恢复后", "副本前 1", "副本前 2", "副本前 3", "副本后 1", "副本后 2"])
    }
}

extension RestoreRecoveryTests {
    /// Finding 3: what the old server recorded after the backup (an administrator's settings and
    /// users, its sync reports) stayed on the devices and never came back to the restored server,
    /// so devices kept a limit the server no longer had. Now the devices return it.
    @Test func aRestoredServerTakesBackWhatItRecordedAfterTheBackupFromTheDevices() throws {
        var server = try RestorableServer()
        let officer = try FieldDevice(user: "officer.zhang", server: server.address, folder: server.folder)
        let staff = try FieldDevice(user: "staff.wang", server: server.address, folder: server.folder)
        let supervisor = try FieldDevice(user: "supervisor.zhao", server: server.address, folder: server.folder)
        let devices = [officer, staff, supervisor]
        for device in devices { try device.expectSuccess(["sync"]) }
        let backup = try server.backUp()

        // After the backup: an administrator sets a limit and adds a user; the officer records and everyone syncs.
        try TestGrid.lantiand(["config", "dustfall-limit", "--node", TestGrid.county, "--year", "2026", "--limit", "8", "--db", server.database])
        try TestGrid.lantiand(["user", "add", "officer.qian", "--role", "grid-officer", "--scope", TestGrid.cell, "--db", server.database])
        for index in 1...2 { try officer.reportFire(note: "备份后 \(index)") }
        for _ in 0..<2 { for device in devices { try device.expectSuccess(["sync"]) } }
        let before = try EventStore(path: server.database).allEvents()
        let afterBackup = Set(before.map(\.id)).subtracting(try EventStore(path: backup).allEvents().map(\.id))

        let restored = try server.restore(backup)
        var returned = 0
        for _ in 0..<2 {
            for device in devices {
                let synced = try device.expectSuccess(["sync"])
                if let range = synced.range(of: #"交还恢复后的服务器 (\d+) 条"#, options: .regularExpression) {
                    returned += Int(synced[range].filter(\.isNumber)) ?? 0
                }
            }
        }
        #expect(server.process.stop() == 0)
        let held = Set(try EventStore(path: restored).allEvents().map(\.id))
        #expect(afterBackup.isSubset(of: held), "the restored server lacks \(afterBackup.subtracting(held).count) of what was recorded after the backup")
        #expect(returned > 0)
        for device in devices {
            let own = Set(try EventStore(path: device.store).allEvents().map(\.id))
            #expect(own.isSubset(of: held), "\(device.user) holds \(own.subtracting(held).count) events the restored server lacks")
            #expect(try device.expectSuccess(["verify"]).contains("全部完好"))
        }
        try TestGrid.lantiand(["verify", "--db", restored])
        let limit = try #require(try EventStore(path: restored).folded(DustfallNetwork.self).limits.first)
        #expect(limit.limit == 8)
        #expect(try EventStore(path: restored).folded(Directory.self).users["officer.qian"] != nil)
    }
}

import Foundation
import LantianStore
import Testing

/// A phone whose store is put back to an older copy (its sequence numbers go backwards) recovers
/// on the real binaries: what it records on the copy reaches the server once, under a new device
/// id, and what the server already held from it comes back.
@Suite struct RestoredClientTests {
    @Test func aClientRestoredFromAnOlderCopyLosesNothingAndDuplicatesNothing() throws {
        let town = try Town()
        let officer = town.officer
        for index in 1...3 { try officer.reportFire(note: "备份前 \(index)") }
        try officer.expectSuccess(["sync"])
        let copy = town.folder.appendingPathComponent("officer-copy.sqlite").path
        let copied = try run(path: "/usr/bin/sqlite3", [officer.store, ".backup '\(copy)'"])
        #expect(copied.status == 0, "\(copied.errors)")
        let old = try #require(try EventStore(path: officer.store).localDevice()).id

        for index in 1...2 { try officer.reportFire(note: "备份后 \(index)") }
        try officer.expectSuccess(["sync"])

        // The phone is reset and the older copy put back; the officer goes on recording.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: officer.store + suffix) }
        try FileManager.default.copyItem(atPath: copy, toPath: officer.store)
        for index in 1...3 { try officer.reportFire(note: "恢复后 \(index)") }  // a fire and its issue each: 6 events
        let synced = try officer.expectSuccess(["sync"])
        #expect(synced.contains("旧副本") && synced.contains("其后新记的 6 条改用新设备标识"), "\(synced)")

        try town.syncAll()
        try expectConverged(server: town.server.database, devices: [officer, town.staff, town.supervisor], formerDevices: [old])
        let notes = try town.supervisor.firePoints().map(\.note).sorted()
        #expect(notes == ["备份前 1", "备份前 2", "备份前 3", "备份后 1", "备份后 2", "恢复后 1", "恢复后 2", "恢复后 3"])
        #expect(try officer.firePoints().map(\.note).sorted() == notes)
    }
}

import Foundation
import LantianDomain
import LantianStore
import Testing

/// A server restored from an older backup ends, once the clients have synced, holding every event
/// any client ever had acknowledged, each once; and the clients hold everything again.
@Suite struct RestoredServerTests {
    @Test func aServerRestoredFromAnOlderBackupGetsBackEveryAcknowledgedEvent() throws {
        let folder = try temporaryFolder()
        let port = try freePort()
        let database = folder.appendingPathComponent("server.sqlite").path
        var lantiand = try ServerProcess(database: database, port: port, folder: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        let colleague = try FieldDevice(user: "officer.li", server: lantiand.address, folder: folder)
        let supervisor = try FieldDevice(user: "supervisor.zhao", server: lantiand.address, folder: folder)

        for index in 1...3 { try officer.reportFire(note: "备份前 \(index)") }
        try officer.expectSuccess(["sync"])
        let backup = folder.appendingPathComponent("nightly.sqlite").path
        let backedUp = try run("lantiand", ["backup", "--db", database, "--to", backup])
        #expect(backedUp.status == 0, "\(backedUp.errors)")

        for index in 1...2 { try officer.reportFire(note: "备份后 \(index)") }
        for index in 1...2 { try colleague.reportFire(note: "备份后 \(index)") }
        for device in [officer, colleague, supervisor] { try device.expectSuccess(["sync"]) }
        #expect(try officer.status().pending == 0)

        // The disk dies; the backup is restored into a new file and served.
        lantiand.kill()
        let restored = folder.appendingPathComponent("restored.sqlite").path
        let restoring = try run("lantiand", ["restore", "--from", backup, "--db", restored])
        #expect(restoring.status == 0, "\(restoring.errors)")
        #expect(try EventStore(path: restored).epoch != EventStore(path: database).epoch)
        #expect(try run("lantiand", ["restore", "--from", backup, "--db", restored]).status != 0)  // never overwrites
        lantiand = try ServerProcess(database: restored, port: port, folder: folder)

        try colleague.reportFire(note: "恢复后")
        for _ in 0..<2 { for device in [colleague, supervisor, officer] { try device.expectSuccess(["sync"]) } }
        #expect(lantiand.stop() == 0)
        try expectConverged(server: restored, devices: [officer, colleague, supervisor])
        #expect(try supervisor.firePoints().count == 8)
    }
}

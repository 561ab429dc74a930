import Foundation
import LantianTestSupport
import LantianDomain
import LantianStore
import Testing

/// Stored records are evidence: one byte changed behind Lantian's back, with the sqlite3 tool, is
/// found and the event named, on the server and on a device.
@Suite struct VerifyTests {
    static func alterOneByte(of event: UUID, in database: String) throws {
        let hex = event.uuidString.replacingOccurrences(of: "-", with: "")
        let sql = """
            DROP TRIGGER event_refuses_update;
            UPDATE event SET payload = CAST(replace(CAST(payload AS TEXT), '第二处', '第三处') AS BLOB) WHERE id = x'\(hex)';
            """
        let result = try run(path: "/usr/bin/sqlite3", [database, sql])
        guard result.status == 0 else { throw Failure("sqlite3: \(result.errors)") }
    }

    @Test func oneAlteredByteIsNamedByVerifyOnTheServerAndOnTheDevice() throws {
        let town = try Town()
        for note in ["第一处", "第二处", "第四处"] { try town.officer.reportFire(note: note) }
        try town.syncAll()
        #expect(try run("lantiand", ["verify", "--db", town.server.database]).status == 0)
        #expect(try town.officer.lantian(["verify"]).status == 0)

        let target = try #require(try EventStore(path: town.server.database).allEvents().first {
            $0.type == FirePointReport.eventType && String(decoding: $0.payload, as: UTF8.self).contains("第二处")
        })
        let short = String(target.id.uuidString.lowercased().suffix(8))
        try Self.alterOneByte(of: target.id, in: town.server.database)
        let server = try run("lantiand", ["verify", "--db", town.server.database])
        #expect(server.status == 1)
        #expect(server.output.split(separator: "\n").filter { $0.hasPrefix("✗") }.count == 1)
        #expect(server.output.contains(target.id.uuidString.lowercased()))

        try Self.alterOneByte(of: target.id, in: town.supervisor.store)
        let device = try town.supervisor.lantian(["verify"])
        #expect(device.status == 1)
        #expect(device.output.split(separator: "\n").filter { $0.hasPrefix("✗") }.count == 1)
        #expect(device.output.contains(short))
    }

    @Test func aRevokedDeviceIsCutOffAndWhatItRecordedStays() throws {
        let town = try Town()
        try town.officer.reportFire(note: "丢失前")
        try town.officer.expectSuccess(["sync"])
        let device = try #require(try EventStore(path: town.officer.store).localDevice()).id
        try TestGrid.lantiand(["device", "revoke", device.uuidString, "--reason", "手机丢失", "--db", town.server.database])
        let refused = try town.officer.lantian(["sync"])
        #expect(refused.status != 0)
        #expect(refused.errors.contains("revoked"))
        try town.supervisor.expectSuccess(["sync"])
        #expect(try town.supervisor.firePoints().map(\.note).contains("丢失前"))
    }
}

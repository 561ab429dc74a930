import Foundation
import Testing

/// Devices whose clocks are a day ahead and a day behind (set with libfaketime on the real
/// binaries): nothing they record is refused, steps still follow what they answer, and the wrong
/// clocks are flagged to their users and to supervisors.
@Suite struct ClockSkewTests {
    struct SyncJSON: Decodable { var clockSkewSeconds: Int64?; var clockFlagged: Bool }
    struct BacklogJSON: Decodable { var user: String; var lastSeen: String; var clockSkewSeconds: Int64?; var clockFlagged: Bool }

    @Test func aDayAheadAndADayBehindAreFlaggedAndNothingIsRefusedOrMisordered() throws {
        let town = try Town()
        let officer = town.officer.withClock("+1d"), staff = town.staff, supervisor = town.supervisor.withClock("-1d")
        let day: Int64 = 86_400

        // The officer's phone thinks it is tomorrow; the report is kept and the user warned.
        try officer.reportFire(note: "明天的火点")
        let officerSync = try officer.expectSuccess(["sync"])
        #expect(officerSync.contains("本机时钟比服务器快1天"), "the officer is not warned: \(officerSync)")
        let officerJSON = try officer.json(SyncJSON.self, ["sync"])
        #expect(officerJSON.clockFlagged && abs(officerJSON.clockSkewSeconds! - day) < 60)

        // The township, on the right time, answers a report "from tomorrow".
        let staffSync = try staff.expectSuccess(["sync"])
        #expect(!staffSync.contains("注意"), "a right clock is flagged: \(staffSync)")
        let issue = try #require(try staff.issues().first)
        try staff.expectSuccess(["issue", "assign", staff.shortID(issue), "--to", "staff.wang", "--deadline", "2030-01-01 18:00"])
        try staff.expectSuccess(["issue", "start", staff.shortID(issue)])
        try staff.expectSuccess(["issue", "rectified", staff.shortID(issue), "--note", "已整改"])
        try staff.expectSuccess(["sync"])

        // The supervisor's phone thinks it is yesterday; the verification still follows the rectification.
        #expect(try supervisor.expectSuccess(["sync"]).contains("本机时钟比服务器慢1天"))
        try supervisor.expectSuccess(["issue", "verify", supervisor.shortID(issue), "--note", "核查合格"])
        for _ in 0..<2 { for device in [officer, staff, supervisor] { try device.expectSuccess(["sync"]) } }

        for device in [officer, staff, supervisor] {
            let tickets = try device.issues()
            #expect(tickets.map(\.state) == ["closed"] && tickets.allSatisfy(\.conflicts.isEmpty),
                    "a step was misordered on \(device.store): \(tickets.map(\.state)) \(tickets.flatMap(\.conflicts).map(\.attempted))")
            #expect(try device.json([QuarantineJSON].self, ["quarantine"]).isEmpty, "an event was refused")
        }
        try expectConverged(server: town.server.database, devices: [officer, staff, supervisor])

        // Supervisors see which devices' clocks are wrong, and when each was last seen by the server's clock.
        let backlog = try supervisor.json([BacklogJSON].self, ["review", "backlog"])
        let byUser = Dictionary(backlog.map { ($0.user, $0) }) { $1 }
        #expect(byUser["officer.zhang"]?.clockFlagged == true && abs(byUser["officer.zhang"]!.clockSkewSeconds! - day) < 60)
        #expect(byUser["supervisor.zhao"]?.clockFlagged == true && abs(byUser["supervisor.zhao"]!.clockSkewSeconds! + day) < 60)
        #expect(byUser["staff.wang"]?.clockFlagged == false)
        let now = Date()
        for row in backlog {
            let seen = try #require(ISO8601DateFormatter().date(from: row.lastSeen))
            #expect(abs(seen.timeIntervalSince(now)) < 600, "\(row.user) last seen at \(row.lastSeen), not by the server's clock")
        }
        #expect(try supervisor.expectSuccess(["review", "backlog"]).contains("快1天"))
    }

    struct QuarantineJSON: Decodable { var id: String }
}

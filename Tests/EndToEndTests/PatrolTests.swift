import Foundation
import LantianDomain
import LantianTestSupport
import Testing

/// Patrols (巡查) on the real binaries: a harvest season configured on the server, three officers
/// walking their cells yesterday evening (their devices' clocks set back with libfaketime), one cell
/// nobody walked, and the coverage review that names it; a check-in outside the cell, a check-in or
/// an end with no patrol under way, and a second start are refused with the reason and write nothing.
@Suite struct PatrolTests {
    @Test func theCoverageReviewNamesTheCellNobodyWalkedInTheSeason() throws {
        let folder = try temporaryFolder()
        let database = folder.appendingPathComponent("server.sqlite").path
        // Liaocheng's grid: county boundaries, and 古楼街道 with its three cells; a fourth cell added.
        try TestGrid.importLiaocheng(into: database)
        try TestGrid.lantiand(["grid", "add", "371502001004", "古楼街道第四网格", "--level", "cell", "--parent", "371502001", "--db", database])

        // Yesterday, in Beijing: the season is that one day, both evening slots.
        let day: Int64 = 86_400_000, hour: Int64 = 3_600_000
        let now = Timestamp(millisecondsSince1970: Int64(Date().timeIntervalSince1970 * 1000))
        let shifted = now.millisecondsSince1970 + 8 * hour
        let yesterday = Timestamp(millisecondsSince1970: shifted - shifted % day - 8 * hour - day)
        let monthDay = String(BeijingTime.format(yesterday).dropFirst(5).prefix(5))
        try TestGrid.lantiand(["config", "patrol-seasons", "--node", "371502", "--season", "秋收:\(monthDay):\(monthDay):after-work+first-half-of-night",
                               "--db", database])
        // A season in a slot the clock cannot tell is refused, and nothing is set.
        let unclocked = try run("lantiand", ["config", "patrol-seasons", "--node", "371502", "--season", "雨前:\(monthDay):\(monthDay):before-rain",
                                             "--db", database])
        #expect(unclocked.status != 0 && unclocked.errors.contains("after-work"), "\(unclocked.errors)")

        let server = try ServerProcess(database: database, port: try freePort(), folder: folder)
        let names = ["officer.zhang": "371502001001", "officer.li": "371502001002", "officer.wang": "371502001003",
                     "staff.gu": "371502001", "supervisor.zhao": "371502"]
        func addUsers() throws {
            for (user, scope) in names {
                let role = user.hasPrefix("officer") ? "grid-officer" : user.hasPrefix("staff") ? "township-staff" : "supervisor"
                try TestGrid.lantiand(["user", "add", user, "--role", role, "--scope", scope, "--db", database])
            }
        }
        // Before enrolment, and again after it (which registers users it does not know at the test cell).
        try addUsers()
        var devices: [String: FieldDevice] = [:]
        for user in names.keys { devices[user] = try FieldDevice(user: user, server: server.address, folder: folder) }
        try addUsers()
        func syncAll() throws { for _ in 0..<2 { for device in devices.values.sorted(by: { $0.user < $1.user }) { try device.expectSuccess(["sync"]) } } }
        try syncAll()
        let zhang = try #require(devices["officer.zhang"]), li = try #require(devices["officer.li"]), wang = try #require(devices["officer.wang"])
        let staff = try #require(devices["staff.gu"]), supervisor = try #require(devices["supervisor.zhao"])
        /// The device with its clock at `minutes` past midnight yesterday.
        func at(_ device: FieldDevice, _ hours: Int64, _ minutes: Int64 = 0) -> FieldDevice {
            let then = yesterday.adding(milliseconds: hours * hour + minutes * 60_000)
            return device.withClock("-\(now.milliseconds(since: then) / 60_000)m")
        }

        // The township defines a fixed point in the morning.
        try at(staff, 9).expectSuccess(["patrol", "point", "--name", "村西麦田", "--cell", "371502001001", "--lat", "36.4520", "--lon", "115.9861"])
        try syncAll()

        // No patrol under way: a check-in or an end is refused, nothing written.
        let recorded = try zhang.status().events
        for arguments in [["patrol", "end"], ["patrol", "checkin", "--lat", "36.4520", "--lon", "115.9861"]] {
            let refused = try at(zhang, 17).lantian(arguments)
            #expect(refused.status == 65 && refused.errors.contains("没有进行中的巡查"), "\(arguments): \(refused.errors)")
        }
        #expect(try zhang.status().events == recorded)

        // 张: after work, through the fixed point; again in the first half of the night.
        try at(zhang, 17, 30).expectSuccess(["patrol", "start", "--lat", "36.4512", "--lon", "115.9853"])
        let second = try at(zhang, 17, 40).lantian(["patrol", "start"])
        #expect(second.status == 65 && second.errors.contains("已有进行中的巡查"), "\(second.errors)")
        try at(zhang, 17, 50).expectSuccess(["patrol", "checkin", "--point", "村西麦田", "--lat", "36.4521", "--lon", "115.9860"])
        // In 阳谷县: outside the cell's county, so outside the cell.
        let outside = try at(zhang, 18).lantian(["patrol", "checkin", "--lat", "36.11", "--lon", "115.78", "--lang", "en"])
        #expect(outside.status == 65 && outside.errors.contains("371502001001"), "\(outside.errors)")
        let far = try at(zhang, 18, 10).lantian(["patrol", "checkin", "--point", "村西麦田", "--lat", "36.4600", "--lon", "115.9861"])
        #expect(far.status == 65 && far.errors.contains("超过 300 米"), "\(far.errors)")
        let ended = try at(zhang, 18, 40).expectSuccess(["patrol", "end", "--lat", "36.4530", "--lon", "115.9870", "--note", "未发现焚烧"])
        #expect(ended.contains("打卡 1 次"), "\(ended)")
        try at(zhang, 20, 30).expectSuccess(["patrol", "start"])
        try at(zhang, 21).expectSuccess(["patrol", "end"])
        // 李: after work only. 王: the first half of the night only. Nobody walks the fourth cell.
        try at(li, 18).expectSuccess(["patrol", "start"])
        try at(li, 19).expectSuccess(["patrol", "end"])
        try at(wang, 21).expectSuccess(["patrol", "start"])
        try at(wang, 21, 30).expectSuccess(["patrol", "end"])
        try syncAll()

        let month = "\(ReviewMonth(containing: yesterday))"
        let review = try supervisor.expectSuccess(["review", "patrols", "--month", month, "--node", "371502001"])
        #expect(review.contains("本期无人巡查的网格（1 个）：古楼街道第四网格"), "\(review)")
        struct Row: Decodable { var node: String, required: Int, done: Int, patrols: Int, missedCheckIns: Int }
        let rows = try supervisor.json([Row].self, ["review", "patrols", "--month", month, "--node", "371502001", "--json"])
        #expect(rows.map(\.node) == ["371502001001", "371502001002", "371502001003", "371502001004"])
        #expect(rows.map(\.required) == [2, 2, 2, 2])
        #expect(rows.map(\.done) == [2, 1, 1, 0])
        #expect(rows.map(\.patrols) == [2, 1, 1, 0])
        // The night patrol passed 村西麦田 without checking in there.
        #expect(rows.map(\.missedCheckIns) == [1, 0, 0, 0])

        // The first patrol's track: start, the check-in, the end, as a LineString.
        let tracks = folder.appendingPathComponent("tracks.geojson")
        try supervisor.expectSuccess(["patrol", "list", "--month", month, "--geojson", tracks.path])
        let collection = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: tracks)) as? [String: Any])
        let geometries = (collection["features"] as? [[String: Any]] ?? []).compactMap { $0["geometry"] as? [String: Any] }
        let lines = geometries.filter { $0["type"] as? String == "LineString" }
        #expect(lines.count == 1 && (lines.first?["coordinates"] as? [[Double]])?.count == 3, "\(geometries)")
    }
}

import Foundation
import LantianStore
import LantianTestSupport
import Testing

/// A user moved to another scope receives, at the next sync, the earlier events of the new scope
/// (which the old one did not see and the device's cursor is past), and nothing outside it.
@Suite struct ScopeChangeTests {
    @Test func aUserMovedToAnotherTownshipGetsItsEarlierIssuesAndNothingElse() throws {
        let town = try Town()
        let database = town.server.database
        let grid = [["371502002", "新区街道", "--level", "township", "--parent", TestGrid.county],
                    ["371502002001", "南关村", "--level", "cell", "--parent", "371502002"],
                    ["371502003", "道口铺街道", "--level", "township", "--parent", TestGrid.county],
                    ["371502003001", "西关村", "--level", "cell", "--parent", "371502003"]]
        for node in grid { try TestGrid.lantiand(["grid", "add"] + node + ["--db", database]) }
        let sun = try FieldDevice(user: "officer.sun", server: town.server.address, folder: town.folder)
        let qian = try FieldDevice(user: "officer.qian", server: town.server.address, folder: town.folder)
        let liu = try FieldDevice(user: "staff.liu", server: town.server.address, folder: town.folder)
        // Enrolling registered them with the test township and cell; they work elsewhere.
        for (user, role, scope) in [("officer.sun", "grid-officer", "371502002001"), ("officer.qian", "grid-officer", "371502003001"),
                                    ("staff.liu", "township-staff", "371502002")] {
            try TestGrid.lantiand(["user", "add", user, "--role", role, "--scope", scope, "--db", database])
        }
        for device in [town.officer, sun, qian] { try device.expectSuccess(["sync"]) }

        try town.officer.expectSuccess(["issue", "report", "--category", "dust", "--title", "古楼：工地扬尘"])
        try sun.expectSuccess(["issue", "report", "--category", "dust", "--title", "新区：道路积尘"])
        try qian.expectSuccess(["issue", "report", "--category", "dust", "--title", "道口铺：渣土车遗撒"])
        for device in [town.officer, sun, qian, liu] { try device.expectSuccess(["sync"]) }
        #expect(try liu.issues().map(\.title) == ["新区：道路积尘"])

        // The administrator moves staff.liu to 古楼街道.
        try TestGrid.lantiand(["user", "add", "staff.liu", "--role", "township-staff", "--scope", TestGrid.township, "--db", database])
        try liu.expectSuccess(["sync"])
        #expect(try liu.issues().map(\.title) == ["古楼：工地扬尘"])                                   // the new scope's queue
        #expect(try liu.issues(["--node", TestGrid.county]).map(\.title).sorted() == ["古楼：工地扬尘", "新区：道路积尘"])
        let held = try EventStore(path: liu.store).allEvents().map(\.payload)
        #expect(!held.contains { String(decoding: $0, as: UTF8.self).contains("道口铺：渣土车遗撒") })  // never outside its scopes
    }
}

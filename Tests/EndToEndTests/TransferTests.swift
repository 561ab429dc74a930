import Foundation
import LantianTestSupport
import Testing

/// Transfer (转办) on the real binaries: township staff move an issue found in their township to
/// the township that owns the place, with the reason. The receiving office gets the issue whole —
/// its report too, which lay outside its scope and below its pull cursor — assigns it and works it;
/// the office it left hears of the transfer and no longer has it in its queue.
@Suite struct TransferTests {
    @Test func anIssueMovesToTheTownshipThatOwnsThePlaceWithItsHistory() throws {
        let town = try Town()
        let database = town.server.database
        try TestGrid.lantiand(["grid", "add", TestGrid.otherTownship, "新区街道", "--level", "township", "--parent", TestGrid.county, "--db", database])
        let liu = try FieldDevice(user: "staff.liu", server: town.server.address, folder: town.folder)
        // Enrolling registered staff.liu with the test township; they work for the other one.
        try TestGrid.lantiand(["user", "add", "staff.liu", "--role", "township-staff", "--scope", TestGrid.otherTownship, "--db", database])
        try liu.expectSuccess(["sync"])

        try town.officer.expectSuccess(["issue", "report", "--category", "dust", "--title", "路边渣土未覆盖"])
        try town.syncAll()
        // Something every device pulls, after the report: liu's cursor moves past the report it cannot see.
        try TestGrid.lantiand(["grid", "add", TestGrid.otherCell, "南关村", "--level", "cell", "--parent", TestGrid.otherTownship, "--db", database])
        try liu.expectSuccess(["sync"])
        #expect(try liu.issues().isEmpty)

        let id = String(try #require(try town.staff.issues().first).id.suffix(8))
        let silent = try town.staff.lantian(["issue", "transfer", id, "--to", TestGrid.otherTownship])
        #expect(silent.status == 65)
        let farAway = try town.staff.lantian(["issue", "transfer", id, "--to", "371500", "--note", "交市里"])
        #expect(farAway.status == 65 && farAway.errors.contains("371500"))
        try town.staff.expectSuccess(["issue", "transfer", id, "--to", "新区街道", "--note", "该路段属新区街道"])
        try town.staff.expectSuccess(["sync"])

        // The receiving office has it whole, from the report on, to assign.
        try liu.expectSuccess(["sync"])
        let received = try #require(try liu.issues().first)
        #expect(received.state == "reported" && received.title == "路边渣土未覆盖")
        let shown = try liu.expectSuccess(["issue", "show", id])
        #expect(shown.contains("officer.zhang") && shown.contains("转办 → 新区街道（\(TestGrid.otherTownship)）：该路段属新区街道"))
        #expect(try liu.expectSuccess([]).contains("待交办"))
        try liu.expectSuccess(["issue", "assign", id, "--to", "staff.liu", "--deadline", "2030-01-01 18:00"])
        try liu.expectSuccess(["sync"])

        // The office it left heard of the transfer; it is no longer in its queue, and what follows stays with the new office.
        try town.staff.expectSuccess(["sync"])
        #expect(try town.staff.issues().isEmpty)
        #expect(try town.staff.lantian(["issue", "assign", id, "--to", "staff.wang", "--deadline", "2030-01-01 18:00"]).status == 65)
        // The county sees it all.
        try town.supervisor.expectSuccess(["sync"])
        #expect(try town.supervisor.issues().first?.state == "assigned")
    }
}

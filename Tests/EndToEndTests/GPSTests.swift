import Foundation
import Testing

/// `--here` takes the position from the device's GPS through gpsd, refuses a fix older than a
/// minute or worse than the accuracy asked for, and records the accuracy with the point (issue 21).
/// A real gpsd, fed by gpsfake from the NMEA log in Fixtures/gps/.
@Suite(.serialized) struct GPSTests {
    @Test func aReportHereTakesTheFixAndItsAccuracy() throws {
        let town = try Town()
        let gps = try GPSFake(folder: town.folder)
        try town.officer.expectSuccess(["issue", "report", "--category", "dust", "--title", "工地未覆盖", "--here", "--gpsd", gps.address])
        let id = town.officer.shortID(try #require(try town.officer.issues().first))
        let shown = try town.officer.expectSuccess(["issue", "show", id])
        #expect(shown.contains("位置 36.45") && shown.contains("（GPS ±17 米）"), "\(shown)")
        try town.officer.expectSuccess(["fire", "report", "--here", "--gpsd", gps.address, "--note", "麦茬地冒烟"])
        #expect(try town.officer.firePoints().count == 1)
        // Through the server to the supervisor, accuracy and all.
        try town.syncAll()
        #expect(try town.supervisor.expectSuccess(["issue", "show", id]).contains("（GPS ±17 米）"))
    }

    @Test func aFixTooOldTooRoughOrMissingIsRefusedAndNothingIsRecorded() throws {
        let town = try Town()
        let old = try GPSFake(folder: town.folder, asRecorded: true)
        let stale = try town.officer.lantian(["issue", "report", "--category", "dust", "--title", "扬尘", "--here", "--gpsd", old.address])
        #expect(stale.status == 69 && stale.errors.contains("秒前的，超过 60 秒"), "\(stale.errors)")
        old.stop()

        let fresh = try GPSFake(folder: town.folder)
        let rough = try town.officer.lantian(["issue", "report", "--category", "dust", "--title", "扬尘", "--here", "--gpsd", fresh.address, "--accuracy", "5"])
        #expect(rough.status == 69 && rough.errors.contains("GPS 精度约 ±17 米，达不到要求的 ±5 米"), "\(rough.errors)")
        let both = try town.officer.lantian(["issue", "report", "--category", "dust", "--title", "扬尘", "--here", "--lat", "36.4", "--lon", "115.9"])
        #expect(both.status == 65 && both.errors.contains("互相矛盾"))
        fresh.stop()

        let none = try town.officer.lantian(["issue", "report", "--category", "dust", "--title", "扬尘", "--here", "--gpsd", fresh.address])
        #expect(none.status == 69 && none.errors.contains("连不上 GPS 服务") && none.errors.contains("--lat --lon"), "\(none.errors)")
        #expect(try town.officer.issues().isEmpty)
    }
}

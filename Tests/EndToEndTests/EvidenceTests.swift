import Foundation
import Testing

/// A photo of evidence shows as pending wherever its issue is shown, until the server holds it
/// whole and verified; then as arrived, on every device.
@Suite struct EvidenceTests {
    @Test func evidenceIsPendingUntilTheServerHoldsThePhotoThenArrivedEverywhere() throws {
        let town = try Town()
        let photo = town.folder.appendingPathComponent("工地.jpg")
        try cameraPhoto(300_000) { UInt8(truncatingIfNeeded: $0 &* 31) }.write(to: photo)
        try town.officer.expectSuccess(["issue", "report", "--category", "dust", "--title", "工地未覆盖", "--photo", photo.path])
        let id = try #require(try town.officer.issues().first).id

        #expect(try town.officer.status().attachmentsWaiting == 1)
        #expect(try town.officer.expectSuccess(["issue", "show", id]).contains("待上传"))
        #expect(try town.officer.expectSuccess(["issue", "show", id, "--lang", "en"]).contains("pending upload"))
        #expect(try town.officer.evidence(of: id) == [EvidenceJSON(fileName: "工地.jpg", pending: true)])

        let synced = try town.officer.json(SyncJSON.self, ["sync"])
        #expect(synced.attachments == 1)
        #expect(synced.attachmentBytes == 300_000)
        #expect(try town.officer.status().attachmentsWaiting == 0)
        #expect(try town.officer.evidence(of: id) == [EvidenceJSON(fileName: "工地.jpg", pending: false)])
        try town.supervisor.expectSuccess(["sync"])
        #expect(try town.supervisor.evidence(of: id) == [EvidenceJSON(fileName: "工地.jpg", pending: false)])
        #expect(try town.supervisor.expectSuccess(["issue", "show", id]).contains("已送达服务器并校验"))

        // The same photo again is kept once and never uploaded twice.
        try town.officer.expectSuccess(["issue", "evidence", String(id.suffix(8)), "--photo", photo.path])
        #expect(try town.officer.status().attachmentsWaiting == 0)
        #expect(try town.officer.json(SyncJSON.self, ["sync"]).attachmentBytes == 0)
    }
}

extension EvidenceTests {
    /// A supervisor verifying on site fetches the officer's photo of the find and the township's
    /// photo of the rectification, told apart and each with who added it; byte for byte the
    /// photos taken. A user who cannot see the issue cannot fetch its photos.
    @Test func aSupervisorFetchesThePhotosBeforeAndAfterRectificationEachWithItsAuthor() throws {
        let town = try Town()
        let found = town.folder.appendingPathComponent("发现.jpg"), fixed = town.folder.appendingPathComponent("整改后.jpg")
        let foundBytes = cameraPhoto(600_000) { UInt8(truncatingIfNeeded: $0 &* 7) }
        let fixedBytes = cameraPhoto(1_000) { UInt8(truncatingIfNeeded: $0 &* 13) }
        try foundBytes.write(to: found)
        try fixedBytes.write(to: fixed)
        try town.officer.expectSuccess(["issue", "report", "--category", "dust", "--title", "工地未覆盖", "--photo", found.path])
        try town.syncAll()
        let id = try #require(try town.staff.issues().first).id, short = String(id.suffix(8))
        try town.staff.expectSuccess(["issue", "assign", short, "--to", "staff.wang", "--deadline", "2030-01-01 18:00"])
        try town.staff.expectSuccess(["issue", "start", short])
        try town.staff.expectSuccess(["issue", "rectified", short, "--note", "已覆盖", "--photo", fixed.path])
        try town.staff.expectSuccess(["sync"])

        // The supervisor has not synced since: evidence get syncs, then fetches what it lacks.
        let folder = town.folder.appendingPathComponent("核查").path
        let fetched = try town.supervisor.expectSuccess(["evidence", "get", short, "--to", folder])
        #expect(fetched.contains("已保存 2 张（共 2 张）"))
        #expect(fetched.contains("整改前") && fetched.contains("officer.zhang"))
        #expect(fetched.contains("整改后") && fetched.contains("staff.wang"))
        #expect(FileManager.default.contents(atPath: folder + "/01-整改前-发现.jpg") == foundBytes)
        #expect(FileManager.default.contents(atPath: folder + "/02-整改后-整改后.jpg") == fixedBytes)
        let shown = try town.supervisor.expectSuccess(["issue", "show", short])
        #expect(shown.contains("整改前  officer.zhang"))
        #expect(shown.contains("整改后  staff.wang"))
        let english = try town.supervisor.json(ShownEvidence.self, ["issue", "show", short]).evidence
        #expect(english.map(\.stage) == ["before-rectification", "after-rectification"])
        #expect(english.map(\.addedBy) == ["officer.zhang", "staff.wang"])

        // Again: every photo is here already, nothing is fetched, the files are written again.
        #expect(try town.supervisor.expectSuccess(["evidence", "get", short, "--to", folder, "--lang", "en"])
            .contains("2 of 2 photo(s) saved"))
    }

    /// Offline, the photos a device holds are saved and the rest are said to need the server.
    @Test func offlineTheOfficersOwnPhotoIsSavedAndNothingIsLost() throws {
        let town = try Town()
        let photo = town.folder.appendingPathComponent("现场.jpg")
        let bytes = cameraPhoto(2_000) { UInt8(truncatingIfNeeded: $0 &* 3) }
        try bytes.write(to: photo)
        try town.officer.expectSuccess(["issue", "report", "--category", "dust", "--title", "道路积尘", "--photo", photo.path])
        let id = try #require(try town.officer.issues().first).id
        let folder = town.folder.appendingPathComponent("取回").path
        let saved = try town.officer.expectSuccess(["evidence", "get", String(id.suffix(8)), "--to", folder])
        #expect(saved.contains("已保存 1 张（共 1 张）"))
        #expect(FileManager.default.contents(atPath: folder + "/01-整改前-现场.jpg") == bytes)
    }
}

struct ShownEvidence: Decodable {
    struct Item: Decodable { var stage: String, addedBy: String }
    var evidence: [Item]
}

struct EvidenceJSON: Decodable, Equatable {
    var fileName: String
    var pending: Bool
}

extension FieldDevice {
    func evidence(of issue: String) throws -> [EvidenceJSON] {
        struct Shown: Decodable { var evidence: [EvidenceJSON] }
        return try json(Shown.self, ["issue", "show", issue]).evidence
    }
}

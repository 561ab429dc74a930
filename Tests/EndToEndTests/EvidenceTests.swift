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
        #expect(try town.officer.expectSuccess(["issue", "show", id]).contains("证据待上传"))
        #expect(try town.officer.expectSuccess(["issue", "show", id, "--lang", "en"]).contains("evidence pending"))
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

import Foundation
import LantianDomain
import LantianStore
import LantianWire
import Testing

/// A connection cut inside a push batch, inside a pull page or inside a photo's upload ends, after
/// the next sync, in a complete state with nothing stored twice.
@Suite struct InterruptionTests {
    /// Bytes of a 1,000-event batch of `recordBacklog` events: the cuts below fall inside the second.
    static let cutOffset = 330_000

    @Test func aConnectionCutInsideAPushBatchEndsCompleteAfterTheNextSync() throws {
        let folder = try temporaryFolder()
        let lantiand = try ServerProcess(database: folder.appendingPathComponent("server.sqlite").path, port: try freePort(), folder: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        try recordBacklog(2_500, on: officer)
        let proxy = try CuttingProxy(upstreamPort: lantiand.port, cutAfterBytes: Self.cutOffset, direction: .toServer)

        let cut = try officer.lantian(["sync", "--server", proxy.address])
        #expect(cut.status != 0)
        #expect(proxy.bytesBeforeCut == Self.cutOffset)
        let officerDevice = try #require(try EventStore(path: officer.store).localDevice()).id
        // The server may still be storing the first batch when the client has given up: wait for it.
        _ = waitUntil(seconds: 10) { ((try? EventStore(path: lantiand.database).highestCseq(of: officerDevice)) ?? 0) >= 1_000 }
        let held = try EventStore(path: lantiand.database).highestCseq(of: officerDevice)
        // Whole batches only: the one cut short is never stored. The first is stored unless the reset
        // reached the server before it had read the batch from its socket (a loaded machine), as
        // when a phone's link drops: the kernel then discards what was unread.
        #expect([0, 1_000].contains(held))
        // The batches of the window went out one after another: the cut may have taken an
        // acknowledgement with it, which the next sync learns from welcome.
        let pending = try officer.status().pending
        #expect(pending >= 2_500 - Int(held) && pending <= 2_500)

        try officer.expectSuccess(["sync"])
        try expectConverged(server: lantiand.database, devices: [officer])
    }

    @Test func aConnectionCutInsideAPullPageEndsCompleteAfterTheNextSync() throws {
        let folder = try temporaryFolder()
        let lantiand = try ServerProcess(database: folder.appendingPathComponent("server.sqlite").path, port: try freePort(), folder: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        let supervisor = try FieldDevice(user: "supervisor.zhao", server: lantiand.address, folder: folder)
        try recordBacklog(2_500, on: officer)
        try officer.expectSuccess(["sync"])
        // Pages come deflated: cut halfway through the second as the server will send it.
        let server = try EventStore(path: lantiand.database)
        let maxBytes = Int(WireLimits.standard.maxFrameBytes) - MessageCodec.envelopeBytes
        let first = try server.page(after: 0, limit: 1_000, maxBytes: maxBytes)
        let second = try server.page(after: try #require(first.events.last).sseq, limit: 1_000, maxBytes: maxBytes)
        func frameBytes(_ page: Page) -> Int { 4 + MessageCodec.encode(.page(page), deflating: true).count }
        let cutOffset = 1_000 + frameBytes(first) + frameBytes(second) / 2  // 1,000: the challenge and welcome, with room
        let proxy = try CuttingProxy(upstreamPort: lantiand.port, cutAfterBytes: cutOffset, direction: .toClient)

        let cut = try supervisor.lantian(["sync", "--server", proxy.address])
        #expect(cut.status != 0)
        let pulled = try EventStore(path: supervisor.store).count()
        #expect(pulled >= 1_000 && pulled < 2_500)  // whole pages only: the page cut short stored nothing

        try supervisor.expectSuccess(["sync"])
        try officer.expectSuccess(["sync"])
        try expectConverged(server: lantiand.database, devices: [officer, supervisor])
    }

    @Test func aPhotoUploadCutHalfwayResumesWhereItStopped() throws {
        let folder = try temporaryFolder()
        let lantiand = try ServerProcess(database: folder.appendingPathComponent("server.sqlite").path, port: try freePort(), folder: folder)
        let officer = try FieldDevice(user: "officer.zhang", server: lantiand.address, folder: folder)
        let photo = folder.appendingPathComponent("fire.jpg")
        var random = SystemRandomNumberGenerator()
        let bytes = cameraPhoto(1_500_000) { _ in UInt8.random(in: 0...255, using: &random) }
        try bytes.write(to: photo)
        try officer.expectSuccess(["fire", "report", "--lat", "36.45", "--lon", "115.98", "--at", "2026-06-01 19:30", "--photo", photo.path])
        #expect(try officer.status().attachmentsWaiting == 1)
        let proxy = try CuttingProxy(upstreamPort: lantiand.port, cutAfterBytes: 800_000, direction: .toServer)

        #expect(try officer.lantian(["sync", "--server", proxy.address]).status != 0)
        #expect(try officer.status().attachmentsWaiting == 1)
        #expect(try officer.status().pending == 0)  // the event went first

        let resumed = try officer.json(SyncJSON.self, ["sync"])
        #expect(resumed.attachments == 1)
        #expect(resumed.attachmentBytes > 0 && resumed.attachmentBytes < Int64(bytes.count))  // only what was missing
        let server = try EventStore(path: lantiand.database)
        #expect(try server.attachmentBytes(.of(bytes), from: 0, maxBytes: bytes.count + 1) == bytes)
        #expect(try officer.status().attachmentsWaiting == 0)
    }
}

struct SyncJSON: Decodable {
    var pushed: Int
    var pulled: Int
    var attachments: Int
    var attachmentBytes: Int64
}

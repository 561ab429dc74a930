import Foundation
import LantianDomain
import LantianWire
import LantianStore
import LantianTestSupport
import Testing


/// Photos of evidence travel after the events that name them, in chunks, resumably, and count
/// as arrived only once the server holds them whole with the right hash.
@Suite struct AttachmentSessionTests {
    /// A photo of `size` bytes, the same for the same seed.
    static func photo(size: Int, seed: UInt64 = 7) -> Data {
        var random = SeededRandom(seed: seed)
        return Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &random) })
    }

    /// A fire report naming `photo` as evidence, recorded on `device`.
    static func reportFire(with photo: Data, in store: EventStore, by device: LocalDevice) throws -> Evidence {
        let kept = try store.keepAttachment(photo)
        let evidence = Evidence(sha256: kept.digest.hex, fileName: "fire.jpg")
        let report = try FirePointReport(location: try GeoPoint(latitude: 36.4, longitude: 115.9), node: TestGrid.cell,
                                         observedAt: .now(), note: "", evidence: [evidence])
        _ = try store.record(try EventDraft(subject: UUID(), payload: report), device: device, now: .now())
        return evidence
    }

    @Test func aPhotoIsUploadedAfterItsEventAndIsPendingUntilItsArrivalIsPulled() throws {
        let server = try serverStore()
        let (officer, device) = try clientStore("officer.zhang", enrolledAt: server)
        let photo = Self.photo(size: 3 * WireLimits.chunkBytes + 10)
        let evidence = try Self.reportFire(with: photo, in: officer, by: device)
        #expect(try officer.attachmentsAwaitingUpload().count == 1)
        #expect(try !officer.folded(ReceivedAttachments.self).hasArrived(evidence))

        let report = try #require(try converse(clientSession(officer, .sync), serverSessionOf(server)))
        #expect(report.pushed == 1)
        #expect(report.attachments == 1)
        #expect(report.attachmentBytes == Int64(photo.count))
        #expect(try server.holdsAttachment(ContentDigest.of(photo)))
        #expect(try server.attachmentBytes(.of(photo), from: 0, maxBytes: photo.count + 1) == photo)
        #expect(try officer.folded(ReceivedAttachments.self).hasArrived(evidence))
        #expect(try officer.attachmentsAwaitingUpload().isEmpty)
    }

    @Test func anUploadCutAfterTwoChunksResumesFromTheThird() throws {
        let server = try serverStore()
        let (officer, device) = try clientStore("officer.zhang", enrolledAt: server)
        let photo = Self.photo(size: 4 * WireLimits.chunkBytes)
        _ = try Self.reportFire(with: photo, in: officer, by: device)

        let twoChunks = Int64(2 * WireLimits.chunkBytes)
        let cut = try converse(clientSession(officer, .sync), serverSessionOf(server)) { answer in
            if case .attachmentState(let state) = answer { return state.received == twoChunks }
            return false
        }
        #expect(cut == nil)
        #expect(try !server.holdsAttachment(.of(photo)))

        let resumed = try #require(try converse(clientSession(officer, .sync), serverSessionOf(server)))
        #expect(resumed.attachmentBytes == Int64(photo.count) - twoChunks)
        #expect(try server.attachmentBytes(.of(photo), from: 0, maxBytes: photo.count + 1) == photo)
        #expect(try server.folded(ReceivedAttachments.self).digests == [ContentDigest.of(photo).hex])
    }

    @Test func bytesThatDoNotHashToTheirDigestAreRefusedAndDiscarded() throws {
        let server = try serverStore()
        let serverDevice = try ServerIdentity.of(server)
        let claimed = ContentDigest.of(Data("the real photo".utf8))
        let forged = Data("a forged photo".utf8)
        #expect(try server.beginReceiving(AttachmentOffer(digest: claimed, size: Int64(forged.count))).received == 0)

        #expect(throws: AttachmentRefusal.digestMismatch(claimed)) {
            try server.receive(Chunk(digest: claimed, offset: 0, bytes: forged), recordingArrivalAs: serverDevice, now: .now())
        }
        #expect(try server.beginReceiving(AttachmentOffer(digest: claimed, size: Int64(forged.count))).received == 0)
        #expect(try server.folded(ReceivedAttachments.self).digests.isEmpty)  // no arrival recorded
    }

    @Test func aChunkAtTheWrongOffsetIsIgnoredAndAnsweredWithWhereToResume() throws {
        let server = try serverStore()
        let serverDevice = try ServerIdentity.of(server)
        let photo = Self.photo(size: 100)
        let offer = AttachmentOffer(digest: .of(photo), size: 100)
        _ = try server.beginReceiving(offer)
        let first = try server.receive(Chunk(digest: offer.digest, offset: 0, bytes: photo.prefix(40)), recordingArrivalAs: serverDevice, now: .now())
        #expect(first.received == 40)
        let replayed = try server.receive(Chunk(digest: offer.digest, offset: 0, bytes: photo.prefix(40)), recordingArrivalAs: serverDevice, now: .now())
        #expect(replayed.received == 40)
        let skipped = try server.receive(Chunk(digest: offer.digest, offset: 60, bytes: photo.suffix(40)), recordingArrivalAs: serverDevice, now: .now())
        #expect(skipped.received == 40)
        let last = try server.receive(Chunk(digest: offer.digest, offset: 40, bytes: photo.suffix(60)), recordingArrivalAs: serverDevice, now: .now())
        #expect(last.isComplete)
        #expect(try server.folded(ReceivedAttachments.self).digests == [offer.digest.hex])  // the arrival
    }

    @Test func anOfferOverTheLimitIsRefused() throws {
        let server = try serverStore()
        let size = WireLimits.maxAttachmentBytes + 1
        #expect(throws: AttachmentRefusal.tooLarge(size: size, max: WireLimits.maxAttachmentBytes)) {
            try server.beginReceiving(AttachmentOffer(digest: .of(Data()), size: size))
        }
    }
}

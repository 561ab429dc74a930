import Foundation
import LantianDomain
import LantianSessions
import LantianStore
import LantianTestSupport
import LantianWire
import Testing

/// Photos both ways: a user fetches the evidence the server holds, chunk by chunk, resumably,
/// verified by SHA-256, and only where a record they may see cites it (PROTOCOL.md, *Fetching evidence*).
@Suite struct EvidenceFetchTests {
    /// The officer's fire report with a photo of `size` bytes, uploaded to `server`; the photo and its offer.
    private func uploadedPhoto(size: Int, server: EventStore) throws -> (Data, AttachmentOffer) {
        let (officer, device) = try clientStore("officer.zhang", enrolledAt: server)
        let photo = AttachmentSessionTests.photo(size: size)
        _ = try AttachmentSessionTests.reportFire(with: photo, in: officer, by: device)
        #expect(try converse(clientSession(officer, .sync), serverSessionOf(server))?.attachments == 1)
        return (photo, AttachmentOffer(digest: .of(photo), size: Int64(photo.count)))
    }

    @Test func aSupervisorFetchesAnOfficersPhotoWholeAndVerified() throws {
        let server = try serverStore()
        let (photo, offer) = try uploadedPhoto(size: 2 * WireLimits.chunkBytes + 100, server: server)
        let (supervisor, _) = try clientStore("supervisor.zhao", enrolledAt: server)
        _ = try converse(clientSession(supervisor, .sync), serverSessionOf(server))
        #expect(try supervisor.arrivedSize(of: offer.digest) == offer.size)

        let report = try #require(try converse(clientSession(supervisor, .fetch([offer])), serverSessionOf(server)))
        #expect(report.fetched == 1)
        #expect(report.fetchedBytes == offer.size)
        #expect(try supervisor.attachmentBytes(offer.digest, from: 0, maxBytes: photo.count + 1) == photo)
        #expect(try supervisor.attachmentsAwaitingUpload().isEmpty)  // fetched, not the device's own to upload

        // Held whole now: another fetch asks for nothing.
        #expect(try converse(clientSession(supervisor, .fetch([offer])), serverSessionOf(server))?.fetchedBytes == 0)
    }

    @Test func aFetchCutAfterTheFirstChunkResumesFromTheSecond() throws {
        let server = try serverStore()
        let (photo, offer) = try uploadedPhoto(size: 3 * WireLimits.chunkBytes, server: server)
        let (supervisor, _) = try clientStore("supervisor.zhao", enrolledAt: server)

        let cut = try converse(clientSession(supervisor, .fetch([offer])), serverSessionOf(server)) { answer in
            if case .chunk(let chunk) = answer { return chunk.offset == Int64(WireLimits.chunkBytes) }
            return false
        }
        #expect(cut == nil)
        #expect(try supervisor.heldAttachments([offer.digest])[offer.digest]?.received == Int64(WireLimits.chunkBytes))

        let resumed = try #require(try converse(clientSession(supervisor, .fetch([offer])), serverSessionOf(server)))
        #expect(resumed.fetchedBytes == offer.size - Int64(WireLimits.chunkBytes))
        #expect(try supervisor.attachmentBytes(offer.digest, from: 0, maxBytes: photo.count + 1) == photo)
    }

    @Test func theServerGivesAPhotoOnlyToUsersWhoSeeARecordCitingIt() throws {
        let server = try serverStore()
        let (_, offer) = try uploadedPhoto(size: 1_000, server: server)
        func answer(to user: String, _ fetch: Fetch) throws -> Message? {
            let (store, _) = try clientStore(user, enrolledAt: server)
            let (session, _) = try authenticatedSession(store, server: server)
            guard case .send(let answer) = session.handle(.fetch(fetch)) else { return nil }
            return answer
        }
        func isRefused(_ message: Message?) -> Bool {
            if case .error(let error) = message { return error.code == .notAvailable }
            return false
        }
        let fetch = Fetch(digest: offer.digest, offset: 0)
        guard case .chunk(let chunk) = try answer(to: "staff.wang", fetch) else { Issue.record("the township's staff got no chunk"); return }
        #expect(chunk.bytes.count == 1_000)
        #expect(isRefused(try answer(to: "staff.liu", fetch)))          // another township
        #expect(isRefused(try answer(to: "officer.sun", fetch)))        // another cell
        #expect(isRefused(try answer(to: "supervisor.yang", fetch)))    // another county
        #expect(isRefused(try answer(to: "staff.wang", Fetch(digest: offer.digest, offset: offer.size))))  // past its end
        #expect(isRefused(try answer(to: "supervisor.zhao", Fetch(digest: .of(Data("never uploaded".utf8)), offset: 0))))
    }

    @Test func aPhotoNoAcceptedRecordCitesIsNotGiven() throws {
        let server = try serverStore()
        let serverDevice = try ServerIdentity.of(server)
        let photo = Data("uploaded, then its record refused".utf8)
        let offer = AttachmentOffer(digest: .of(photo), size: Int64(photo.count))
        _ = try server.beginReceiving(offer)
        #expect(try server.receive(Chunk(digest: offer.digest, offset: 0, bytes: photo), recordingArrivalAs: serverDevice, now: .now()).isComplete)
        #expect(try server.fetchable(offer.digest, visible: nil) == nil)
    }

    @Test func fetchedBytesThatDoNotHashToTheDigestAreDiscarded() throws {
        let server = try serverStore()
        let (client, _) = try clientStore("supervisor.zhao", enrolledAt: server)
        let claimed = ContentDigest.of(Data("the real photo".utf8))
        let forged = Data("a forged photo".utf8)
        #expect(try client.beginFetching(claimed, size: Int64(forged.count)).received == 0)
        #expect(throws: AttachmentRefusal.digestMismatch(claimed)) { try client.receiveFetched(Chunk(digest: claimed, offset: 0, bytes: forged)) }
        #expect(try client.heldAttachments([claimed])[claimed]?.received == 0)
        #expect(try client.folded(ReceivedAttachments.self).digests.isEmpty)  // a client never records an arrival
    }

    @Test func aSessionOfAnEarlierVersionMayNotFetch() throws {
        let server = try serverStore()
        let (store, _) = try clientStore("supervisor.zhao", enrolledAt: server)
        let (session, _, welcome) = try welcomedSession(store, server: server, versions: 2...3)
        #expect(welcome.version == 3)
        guard case .sendAndClose(.error(let error)) = session.handle(.fetch(Fetch(digest: .of(Data()), offset: 0))) else {
            Issue.record("a version 3 session fetched"); return
        }
        #expect(error.code == .unexpectedMessage)
    }
}

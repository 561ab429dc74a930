import Foundation
import LantianTestSupport
import Testing
@testable import LantianWire
import LantianDomain
import LantianFraming

/// The hex vectors in Protocol/PROTOCOL.md, read from the file itself, decode to the messages the
/// document describes and encode back to the same bytes.
@Suite struct ProtocolSpecificationTests {
    static let specification: String = {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Protocol/PROTOCOL.md").standardized.path
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }()

    static func vector(_ name: String) throws -> [UInt8] {
        let marker = "```hex vector=\(name)\n"
        guard let start = specification.range(of: marker),
              let end = specification.range(of: "```", range: start.upperBound..<specification.endIndex) else {
            throw VectorMissing(name: name)
        }
        return specification[start.upperBound..<end.lowerBound].split(whereSeparator: \.isWhitespace).map { UInt8($0, radix: 16)! }
    }

    static let device = UUID(uuidString: "0192f0c4-0000-7000-8000-00000000d001")!
    static var event: Event {
        let payload = #"{"evidence":[],"location":{"lat":36.4512,"lon":115.9853},"note":"冒烟","observedAt":1780313400000,"riskySlot":"after-work","source":"patrol"}"#
        return Event(id: UUID(uuidString: "0192f0c4-1a2b-7c3d-8e4f-000000000001")!, device: device, cseq: 1, actor: "zhang",
                     hlc: HybridTimestamp(wallMilliseconds: 1_780_313_460_000, counter: 0),
                     recordedAt: Timestamp(millisecondsSince1970: 1_780_313_460_000),
                     subject: UUID(uuidString: "0192f0c4-1a2b-7c3d-8e4f-0000000000f1")!, type: "straw.firePoint.reported",
                     schema: 1, payload: Data(payload.utf8))
    }

    static let blob = ContentDigest(hex: "1913456c81c6a5d61abb5e8f87ee4d74504f046bc27b505be58df5363cf9194d")!

    static let signature = Data(repeating: 0x5A, count: 64)
    static let publicKey = Data(repeating: 0x4B, count: 32)
    static let serverDevice = UUID(uuidString: "0192f0c4-0000-7000-8000-00000000d000")!

    static let described: [(String, Message)] = [
        ("challenge", .challenge(Challenge(nonce: Data(repeating: 0x11, count: 32)))),
        ("enrol", .enrol(Enrolment(code: "7KQ2M-X9D4P", device: device, publicKey: publicKey, proof: signature))),
        ("enrolled", .enrolled(Enrolled(user: "zhang", serverDevice: serverDevice, serverKey: publicKey))),
        ("hello", .hello(Hello(versions: 2...2, device: device, actor: "zhang", proof: signature, recordedCseq: 1, cursor: 1,
                               cursorEvent: event.id, clock: Timestamp(millisecondsSince1970: 1_780_313_460_000)))),
        ("welcome", .welcome(Welcome(version: 2, epoch: UUID(uuidString: "0192f0c4-0000-7000-8000-0000000e90c4")!,
                                     limits: WireLimits(maxFrameBytes: 4_194_304, maxBatch: 1_000), acknowledgedCseq: 1,
                                     acknowledgedEvent: event.id, head: 1, cursorKnown: true,
                                     clock: Timestamp(millisecondsSince1970: 1_780_313_461_000)))),
        ("welcome-v3", .welcome(Welcome(version: 3, epoch: UUID(uuidString: "0192f0c4-0000-7000-8000-0000000e90c4")!,
                                        limits: WireLimits(maxFrameBytes: 4_194_304, maxBatch: 1_000, window: 4), acknowledgedCseq: 1,
                                        acknowledgedEvent: event.id, head: 1, cursorKnown: true,
                                        clock: Timestamp(millisecondsSince1970: 1_780_313_461_000)))),
        ("push", .push(Push(events: [event], signature: signature))),
        ("push-ack", .pushAck(PushAck(acknowledgedCseq: 1))),
        ("pull", .pull(Pull(after: 0, limit: 1_000))),
        ("pull-v4", .pull(Pull(after: 0, limit: 1_000, options: [.leaveOutOwn, .deflate]))),
        ("page", .page(Page(events: [AcceptedEvent(event: event, sseq: 1, receivedAt: Timestamp(millisecondsSince1970: 1_780_313_461_000))], head: 1,
                            proofs: [ChainProof(signature: ChainSignature(device: device, cseq: 1, signature: signature))]))),
        ("ping", .ping(nonce: 42)),
        ("pong", .pong(nonce: 42)),
        ("error", .error(WireError(code: .sequenceGap, message: "expected cseq 3"))),
        ("subscribe", .subscribe),
        ("notify", .notify(head: 2)),
        ("attachment-offer", .attachmentOffer(AttachmentOffer(digest: blob, size: 7))),
        ("attachment-state", .attachmentState(AttachmentState(digest: blob, size: 7, received: 0))),
        ("chunk", .chunk(Chunk(digest: blob, offset: 0, bytes: Data("lantian".utf8)))),
        ("fetch", .fetch(Fetch(digest: blob, offset: 3))),
        ("held-query", .heldQuery(devices: [device])),
        ("held", .held([ChainHead(device: device, cseq: 7)])),
        ("return", .returnEvents(Return(device: device, events: [event], signature: signature))),
        ("return-ack", .returnAck(ReturnAck(device: device, acknowledgedCseq: 1))),
    ]

    @Test(arguments: described)
    func theDocumentedVectorDecodesToTheDocumentedMessage(_ name: String, _ message: Message) throws {
        var decoder = FrameDecoder(maxBodyBytes: 4 << 20)
        decoder.append(try Self.vector(name))
        let body = try #require(try decoder.nextBody())
        #expect(decoder.bufferedBytes == 0)
        #expect(try MessageCodec.decode(body) == message)
        #expect(Frame.encode(body: MessageCodec.encode(message)) == (try Self.vector(name)))
    }

    /// The deflated page decodes to the page; the reference encoder writes the same bytes.
    @Test func theDeflatedVectorIsThePageDeflated() throws {
        var decoder = FrameDecoder(maxBodyBytes: 4 << 20)
        decoder.append(try Self.vector("deflated"))
        let body = try #require(try decoder.nextBody())
        let page = try #require(Self.described.first { $0.0 == "page" }?.1)
        #expect(try MessageCodec.decode(body) == page)
        #expect(Frame.encode(body: MessageCodec.encode(page, deflating: true)) == (try Self.vector("deflated")))
    }

    /// The vectors' event is one a server accepts: its payload is canonical.
    @Test func theVectorsEventIsAcceptedAsWritten() {
        guard case .success = Admission.read(Self.event, receivedAt: Self.event.recordedAt) else { Issue.record("refused"); return }
    }

    @Test func everyMessageTypeHasAVector() {
        #expect(Set(Self.described.map { $0.1.name }) == Set(Sample.messages.map(\.name)))
    }

    struct VectorMissing: Error { let name: String }
}

import Foundation
import LantianDomain
import LantianWire

/// Fixed values for tests: the same bytes on every run.
public enum Sample {
    public static let device = UUID(uuidString: "0192F0C4-0000-7000-8000-00000000D001")!
    public static let otherDevice = UUID(uuidString: "0192F0C4-0000-7000-8000-00000000D002")!
    public static let epoch = UUID(uuidString: "0192F0C4-0000-7000-8000-0000000E90C4")!

    public static func event(cseq: Int64 = 1, device: UUID = device, hlc: HybridTimestamp? = nil, note: String = "麦茬地冒烟") -> Event {
        let report = try! FirePointReport(location: try! GeoPoint(latitude: 36.45, longitude: 115.98),
                                          observedAt: Timestamp(millisecondsSince1970: 1_780_000_000_000), note: note)
        return Event(
            id: UUID(uuidString: String(format: "0192F0C4-0000-7000-8000-%012llX", cseq + (device == Self.device ? 0 : 1 << 40)))!,
            device: device, cseq: cseq, actor: "officer.zhang",
            hlc: hlc ?? HybridTimestamp(wallMilliseconds: 1_780_000_000_000 + cseq, counter: 0),
            recordedAt: Timestamp(millisecondsSince1970: 1_780_000_000_000 + cseq),
            subject: UUID(uuidString: String(format: "0192F0C4-0000-7000-8000-%012llX", 0xF00 + cseq))!,
            type: FirePointReport.eventType, schema: FirePointReport.schema, payload: try! PayloadCodec.encode(report))
    }

    /// 64 bytes standing in for a signature: the codec carries signatures, it does not check them.
    public static let signature = Data(repeating: 0x5A, count: 64)
    public static let publicKey = Data(repeating: 0x4B, count: 32)

    /// One message of every type.
    public static let messages: [Message] = [
        .challenge(Challenge(nonce: Data(repeating: 0x11, count: 32))),
        .enrol(Enrolment(code: "7KQ2M-X9D4P", device: device, publicKey: publicKey, proof: signature)),
        .enrolled(Enrolled(user: "officer.zhang", serverDevice: otherDevice, serverKey: publicKey)),
        .hello(Hello(versions: 2...2, device: device, actor: "officer.zhang", proof: signature)),
        .welcome(Welcome(version: 3, epoch: epoch, limits: .standard, acknowledgedCseq: 41)),
        .push(Push(events: [event(cseq: 1), event(cseq: 2)], signature: signature)),
        .push(Push(events: [])),
        .pushAck(PushAck(acknowledgedCseq: 2)),
        .pushAck(PushAck(acknowledgedCseq: 3, rejected: [Rejection(cseq: 2, id: device, reason: "straw.firePoint.reported payload breaks a rule")])),
        .pull(Pull(after: 99, limit: 500)),
        .pull(Pull(after: 99, limit: 500, options: [.leaveOutOwn, .deflate])),
        .page(Page(events: [AcceptedEvent(event: event(cseq: 1), sseq: 100, receivedAt: Timestamp(millisecondsSince1970: 5))], head: 100,
                   proofs: [ChainProof(signature: ChainSignature(device: device, cseq: 3, signature: signature),
                                       digests: [2: Data(repeating: 2, count: 32), 3: Data(repeating: 3, count: 32)])])),
        .ping(nonce: 0xDEAD_BEEF_0000_0001),
        .pong(nonce: 0xDEAD_BEEF_0000_0001),
        .error(WireError(code: .sequenceGap, message: "expected cseq 3, received 5")),
        .hello(Hello(versions: 2...3, device: device, credential: otherDevice, actor: "officer.zhang", proof: signature,
                     recordedCseq: 7, cursor: 100, cursorEvent: epoch)),
        .welcome(Welcome(version: 3, epoch: epoch, limits: .standard, acknowledgedCseq: 7, head: 120, cursorKnown: false)),
        .subscribe,
        .notify(head: 121),
        .attachmentOffer(AttachmentOffer(digest: blobDigest, size: 3)),
        .attachmentState(AttachmentState(digest: blobDigest, size: 3, received: 2)),
        .chunk(Chunk(digest: blobDigest, offset: 2, bytes: Data([0x7A]))),
        .fetch(Fetch(digest: blobDigest, offset: 1)),
        .heldQuery(devices: [device, otherDevice]),
        .held([ChainHead(device: device, cseq: 0), ChainHead(device: otherDevice, cseq: 41)]),
        .returnEvents(Return(device: device, events: [event(cseq: 1), event(cseq: 2)], signature: signature)),
        .returnAck(ReturnAck(device: device, acknowledgedCseq: 2, rejected: [Rejection(cseq: 2, id: device, reason: "{\"noActor\":{}}")])),
    ]

    /// The SHA-256 of the bytes "abz".
    public static let blobDigest = ContentDigest.of(Data("abz".utf8))
}

import Foundation
import LantianTestSupport
import Testing
@testable import LantianProtocol

@Suite struct MessageCodecTests {
    @Test(arguments: Sample.messages)
    func everyMessageDecodesToWhatWasEncoded(_ message: Message) throws {
        #expect(try MessageCodec.decode(MessageCodec.encode(message)) == message)
    }

    @Test(arguments: Sample.messages)
    func everyTruncationIsRefusedWithoutCrashing(_ message: Message) {
        let body = MessageCodec.encode(message)
        for length in 0..<body.count {
            #expect(throws: WireFormatError.self) { try MessageCodec.decode(Array(body.prefix(length))) }
        }
    }

    @Test func pushAckHasTheBytesTheSpecificationGives() throws {
        // PROTOCOL.md, push-ack: type 0x04, acknowledgedCseq as a big-endian i64, then no rejections (u32 0).
        let body: [UInt8] = [0x04, 0, 0, 0, 0, 0, 0, 0x01, 0x2C, 0, 0, 0, 0]
        #expect(MessageCodec.encode(.pushAck(PushAck(acknowledgedCseq: 300))) == body)
        #expect(try MessageCodec.decode(body) == .pushAck(PushAck(acknowledgedCseq: 300)))
    }

    @Test func anUnknownMessageTypeIsRefused() {
        #expect(throws: WireFormatError.unknownMessageType(0x55)) { try MessageCodec.decode([0x55, 1, 2, 3]) }
    }

    @Test func trailingBytesAreRefused() {
        let body = MessageCodec.encode(.pushAck(PushAck(acknowledgedCseq: 1))) + [0]
        #expect(throws: WireFormatError.trailingBytes(count: 1)) { try MessageCodec.decode(body) }
    }

    @Test func textThatIsNotUTF8IsRefusedNamingTheField() {
        var body: [UInt8] = [0x01, 0, 1, 0, 1] + Sample.device.bytes
        body += [0, 0, 0, 2, 0xC3, 0x28]  // actor: an invalid two-byte sequence
        #expect(throws: WireFormatError.invalidUTF8(field: "hello.actor")) { try MessageCodec.decode(body) }
    }

    @Test func aHostileCountIsRefusedBeforeAnythingIsAllocated() {
        let body: [UInt8] = [0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0]
        #expect(throws: WireFormatError.outOfRange(field: "push.count", value: 0xFFFF_FFFF)) { try MessageCodec.decode(body) }
    }

    @Test func aSequenceNumberBelowOneIsRefused() {
        var bytes = MessageCodec.encode(.push(Push(events: [Sample.event(cseq: 1)])))
        let cseqOffset = 1 + 4 + 16 + 16
        bytes.replaceSubrange(cseqOffset..<cseqOffset + 8, with: [UInt8](repeating: 0, count: 8))
        #expect(throws: WireFormatError.outOfRange(field: "event.cseq", value: 0)) { try MessageCodec.decode(bytes) }
    }

    @Test func aHelloWithAnInvertedVersionRangeIsRefused() {
        let body: [UInt8] = [0x01, 0, 3, 0, 1] + Sample.device.bytes + [0, 0, 0, 0]
        #expect(throws: WireFormatError.outOfRange(field: "hello.maxVersion", value: 1)) { try MessageCodec.decode(body) }
    }

    @Test func anEmptyBodyIsRefused() {
        #expect(throws: WireFormatError.emptyBody) { try MessageCodec.decode([]) }
    }

    @Test func theSizeEstimateIsExact() {
        let accepted = AcceptedEvent(event: Sample.event(note: "带中文的备注"), sseq: 7, receivedAt: Timestamp(millisecondsSince1970: 0))
        let withOne = MessageCodec.encode(.page(Page(events: [accepted], head: 7))).count
        let withNone = MessageCodec.encode(.page(Page(events: [], head: 7))).count
        #expect(withOne - withNone == MessageCodec.encodedBytes(of: accepted))
    }

    @Test(arguments: 0..<200)
    func randomBytesNeverCrashTheDecoder(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed))
        let length = Int.random(in: 0...300, using: &random)
        var body = (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
        if !body.isEmpty { body[0] = UInt8.random(in: 1...7, using: &random) }  // mostly known types
        _ = try? MessageCodec.decode(body)
    }
}

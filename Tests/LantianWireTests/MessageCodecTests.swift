import Foundation
import LantianTestSupport
import Testing
@testable import LantianWire
import LantianDomain
import LantianFraming

@Suite struct MessageCodecTests {
    @Test(arguments: Sample.messages)
    func everyMessageDecodesToWhatWasEncoded(_ message: Message) throws {
        #expect(try MessageCodec.decode(MessageCodec.encode(message)) == message)
    }

    /// Every truncation is refused, but one: a pull's options are its last, optional byte (version
    /// 4), so a pull cut before them is a pull without options (frames carry their length, so the
    /// wire never cuts a body short unnoticed).
    @Test(arguments: Sample.messages)
    func everyTruncationIsRefusedWithoutCrashing(_ message: Message) throws {
        let body = MessageCodec.encode(message)
        for length in 0..<body.count {
            if case .pull(var pull) = message, !pull.options.isEmpty, length == body.count - 1 {
                pull.options = []
                #expect(try MessageCodec.decode(Array(body.prefix(length))) == .pull(pull))
                continue
            }
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

    /// Deflated pages (version 4): a page deflates and inflates back to itself; a deflated frame
    /// that carries anything but a page, or inflates to another length than it states, is malformed.
    @Test func aDeflatedPageInflatesToItselfAndNothingElseIsTakenForOne() throws {
        let page = try #require(Sample.messages.first { if case .page = $0 { true } else { false } })
        let deflated = MessageCodec.encode(page, deflating: true)
        #expect(deflated[0] == 0x16)
        #expect(deflated.count < MessageCodec.encode(page).count)
        #expect(try MessageCodec.decode(deflated) == page)
        #expect(MessageCodec.encode(.pushAck(PushAck(acknowledgedCseq: 1)), deflating: true)[0] == 0x04)  // only pages

        var wrongLength = deflated
        wrongLength[5] &+= 1
        #expect(throws: WireFormatError.self) { try MessageCodec.decode(wrongLength) }
        var notAPage = deflated
        notAPage[1] = 0x04
        #expect(throws: WireFormatError.outOfRange(field: "deflated.type", value: 4)) { try MessageCodec.decode(notAPage) }
        let bomb: [UInt8] = [0x16, 0x06, 0x01, 0x00, 0x00, 0x01] + Array(deflated.dropFirst(6))  // 16 MiB + 1 stated
        #expect(throws: WireFormatError.self) { try MessageCodec.decode(bomb) }
        #expect(throws: WireFormatError.self) { try MessageCodec.decode(Array(deflated.dropLast(3))) }  // a stream cut short
    }

    @Test func pullOptionsOtherThanTheTwoKnownAreRefused() {
        let body = MessageCodec.encode(.pull(Pull(after: 1, limit: 10))) + [0x04]
        #expect(throws: WireFormatError.outOfRange(field: "pull.options", value: 4)) { try MessageCodec.decode(body) }
        #expect(throws: WireFormatError.outOfRange(field: "pull.options", value: 0)) {
            try MessageCodec.decode(MessageCodec.encode(.pull(Pull(after: 1, limit: 10))) + [0x00])
        }
    }

    @Test func textThatIsNotUTF8IsRefusedNamingTheField() {
        var body: [UInt8] = [0x01, 0, 2, 0, 2] + Sample.device.bytes + Sample.device.bytes
        body += [0, 0, 0, 2, 0xC3, 0x28]  // actor: an invalid two-byte sequence
        #expect(throws: WireFormatError.invalidUTF8(field: "hello.actor")) { try MessageCodec.decode(body) }
    }

    @Test func aHostileCountIsRefusedBeforeAnythingIsAllocated() {
        let body: [UInt8] = [0x03, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0]  // no signature, then the count
        #expect(throws: WireFormatError.outOfRange(field: "push.count", value: 0xFFFF_FFFF)) { try MessageCodec.decode(body) }
    }

    @Test func aSequenceNumberBelowOneIsRefused() {
        var bytes = MessageCodec.encode(.push(Push(events: [Sample.event(cseq: 1)])))
        let cseqOffset = 1 + 4 + 0 + 4 + 16 + 16  // type, signature (empty), count, id, device
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
        if !body.isEmpty { body[0] = UInt8.random(in: 1...13, using: &random) }  // mostly known types
        _ = try? MessageCodec.decode(body)
    }

    /// Valid messages with a few bytes flipped, cut, inserted or repeated (the seeded, in-suite
    /// cousin of `script/fuzz`): each decodes to an error or to a message that survives encoding
    /// again, and the events it carries are judged without crashing.
    @Test(arguments: 0..<500)
    func mutatedMessagesDecodeToAnErrorOrToAMessageThatRoundTrips(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed))
        var body = MessageCodec.encode(Sample.messages.randomElement(using: &random)!)
        for _ in 0..<Int.random(in: 1...4, using: &random) where !body.isEmpty {
            let at = Int.random(in: 0..<body.count, using: &random)
            switch Int.random(in: 0..<4, using: &random) {
            case 0: body[at] ^= UInt8.random(in: 1...255, using: &random)
            case 1: body.removeSubrange(at...)
            case 2: body.insert(contentsOf: (0..<Int.random(in: 1...8, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }, at: at)
            default: body.insert(contentsOf: body[at..<min(at + 16, body.count)], at: at)
            }
        }
        guard let message = try? MessageCodec.decode(body) else { return }
        #expect(try MessageCodec.decode(MessageCodec.encode(message)) == message)
        if case .push(let push) = message { for event in push.events { _ = Admission.read(event, receivedAt: event.recordedAt) } }
    }

    /// Event payloads with bytes flipped or cut, read as every known type: a reason or acceptance, never a crash.
    @Test(arguments: 0..<100)
    func mutatedPayloadsOfEveryTypeAreJudgedWithoutCrashing(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed))
        var event = Sample.event(note: "冒烟")
        var payload = [UInt8](event.payload)
        let at = Int.random(in: 0..<payload.count, using: &random)
        if Bool.random(using: &random) { payload[at] = UInt8.random(in: 0...255, using: &random) } else { payload.removeSubrange(at...) }
        event.payload = Data(payload)
        for definition in EventCatalogue.all {
            event.type = definition.type
            _ = Admission.read(event, receivedAt: event.recordedAt)
        }
    }

    /// A version-2 welcome has no window: read back, it is stop and wait.
    @Test func aVersion2WelcomeCarriesNoWindow() throws {
        let welcome = Welcome(version: 2, epoch: UUID(), limits: .standard, acknowledgedCseq: 0)
        guard case .welcome(let read) = try MessageCodec.decode(MessageCodec.encode(.welcome(welcome))) else { Issue.record("not a welcome"); return }
        #expect(read.limits.window == 1 && WireLimits.standard.window == 4)
        var v3 = welcome
        v3.version = 3
        #expect(MessageCodec.encode(.welcome(v3)).count == MessageCodec.encode(.welcome(welcome)).count + 2)
    }
}

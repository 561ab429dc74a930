import Foundation
import LantianDomain
import LantianFraming

/// Encodes messages as frame bodies and decodes them back, byte for byte as PROTOCOL.md specifies.
///
/// ```swift
/// let body = MessageCodec.encode(.pushAck(PushAck(acknowledgedCseq: 42)))
/// let message = try MessageCodec.decode(body)
/// ```
public enum MessageCodec {
    /// The protocol versions this build speaks.
    public static let versions: ClosedRange<UInt16> = 2...5

    /// Upper bounds on single fields, so one field cannot take a whole frame by accident.
    public enum FieldLimit {
        public static let actorBytes = 256
        public static let typeBytes = 256
        public static let payloadBytes = 256 << 10
        public static let messageBytes = 4_096
    }

    enum TypeTag: UInt8 {
        case hello = 0x01, welcome = 0x02, push = 0x03, pushAck = 0x04, pull = 0x05, page = 0x06, ping = 0x07, pong = 0x08
        case subscribe = 0x09, notify = 0x0A, attachmentOffer = 0x0B, attachmentState = 0x0C, chunk = 0x0D
        case challenge = 0x0E, enrol = 0x0F, enrolled = 0x10
        case heldQuery = 0x11, held = 0x12, returnEvents = 0x13, returnAck = 0x14, fetch = 0x15, deflated = 0x16
        case error = 0x7F
    }

    /// The smallest possible encoded event, used to bound counts before allocating.
    static let minEventBytes = 16 + 16 + 8 + 32 + 4 + 8 + 8 + 16 + 4 + 2 + 4

    public static func encode(_ message: Message) -> [UInt8] {
        var writer = ByteWriter()
        switch message {
        case .challenge(let challenge):
            writer.write(TypeTag.challenge.rawValue)
            writer.write(challenge.nonce)
        case .enrol(let enrolment):
            writer.write(TypeTag.enrol.rawValue)
            writer.write(enrolment.code)
            writer.write(enrolment.device)
            writer.write(enrolment.publicKey)
            writer.write(enrolment.proof)
        case .enrolled(let enrolled):
            writer.write(TypeTag.enrolled.rawValue)
            writer.write(enrolled.user)
            writer.write(enrolled.serverDevice)
            writer.write(enrolled.serverKey)
        case .hello(let hello):
            writer.write(TypeTag.hello.rawValue)
            writer.write(hello.versions.lowerBound)
            writer.write(hello.versions.upperBound)
            writer.write(hello.device)
            writer.write(hello.credential)
            writer.write(hello.actor)
            writer.write(hello.proof)
            writer.write(hello.recordedCseq)
            writer.write(hello.cursor)
            writer.write(hello.cursorEvent ?? Self.noEvent)
            writer.write(hello.clock.millisecondsSince1970)
        case .welcome(let welcome):
            writer.write(TypeTag.welcome.rawValue)
            writer.write(welcome.version)
            writer.write(welcome.epoch)
            writer.write(welcome.limits.maxFrameBytes)
            writer.write(welcome.limits.maxBatch)
            writer.write(welcome.acknowledgedCseq)
            writer.write(welcome.acknowledgedEvent ?? Self.noEvent)
            writer.write(welcome.head)
            writer.write(welcome.cursorKnown ? 1 as UInt8 : 0)
            writer.write(welcome.clock.millisecondsSince1970)
            if welcome.version >= 3 { writer.write(welcome.limits.window) }
            if welcome.version >= 5 { writer.write(welcome.nextServerTLSKey ?? Data()) }
        case .push(let push):
            writer = ByteWriter(capacity: 1 + 4 + push.events.count * (minEventBytes + 256))
            writer.write(TypeTag.push.rawValue)
            writer.write(push.signature)
            writer.write(push.events) { $0.write(event: $1) }
        case .pushAck(let ack):
            writer.write(TypeTag.pushAck.rawValue)
            writer.write(ack.acknowledgedCseq)
            writer.write(ack.rejected) { writer, rejection in
                writer.write(rejection.cseq)
                writer.write(rejection.id)
                writer.write(rejection.reason)
            }
        case .pull(let pull):
            writer.write(TypeTag.pull.rawValue)
            writer.write(pull.after)
            writer.write(pull.limit)
            if !pull.options.isEmpty { writer.write(pull.options.rawValue) }
        case .page(let page):
            writer = ByteWriter(capacity: 1 + 12 + page.events.count * (minEventBytes + 272))
            writer.write(TypeTag.page.rawValue)
            writer.write(page.head)
            writer.write(page.events) { writer, accepted in
                writer.write(accepted.sseq)
                writer.write(accepted.receivedAt.millisecondsSince1970)
                writer.write(event: accepted.event)
            }
            writer.write(page.proofs) { writer, proof in
                writer.write(proof.signature.device)
                writer.write(proof.signature.cseq)
                writer.write(proof.signature.signature)
                writer.write(proof.digests.sorted { $0.key < $1.key }) { writer, digest in
                    writer.write(digest.key)
                    writer.write(fixed: digest.value)
                }
            }
        case .subscribe:
            writer.write(TypeTag.subscribe.rawValue)
        case .notify(let head):
            writer.write(TypeTag.notify.rawValue)
            writer.write(head)
        case .attachmentOffer(let offer):
            writer.write(TypeTag.attachmentOffer.rawValue)
            writer.write(offer.digest)
            writer.write(offer.size)
        case .attachmentState(let state):
            writer.write(TypeTag.attachmentState.rawValue)
            writer.write(state.digest)
            writer.write(state.size)
            writer.write(state.received)
        case .chunk(let chunk):
            writer = ByteWriter(capacity: 1 + 32 + 8 + 4 + chunk.bytes.count)
            writer.write(TypeTag.chunk.rawValue)
            writer.write(chunk.digest)
            writer.write(chunk.offset)
            writer.write(chunk.bytes)
        case .fetch(let fetch):
            writer.write(TypeTag.fetch.rawValue)
            writer.write(fetch.digest)
            writer.write(fetch.offset)
        case .heldQuery(let devices):
            writer.write(TypeTag.heldQuery.rawValue)
            writer.write(devices) { $0.write($1) }
        case .held(let heads):
            writer.write(TypeTag.held.rawValue)
            writer.write(heads) { writer, head in
                writer.write(head.device)
                writer.write(head.cseq)
            }
        case .returnEvents(let returned):
            writer = ByteWriter(capacity: 1 + 16 + 68 + 4 + returned.events.count * (minEventBytes + 256))
            writer.write(TypeTag.returnEvents.rawValue)
            writer.write(returned.device)
            writer.write(returned.signature)
            writer.write(returned.events) { $0.write(event: $1) }
        case .returnAck(let ack):
            writer.write(TypeTag.returnAck.rawValue)
            writer.write(ack.device)
            writer.write(ack.acknowledgedCseq)
            writer.write(ack.rejected) { writer, rejection in
                writer.write(rejection.cseq)
                writer.write(rejection.id)
                writer.write(rejection.reason)
            }
        case .ping(let nonce):
            writer.write(TypeTag.ping.rawValue)
            writer.write(Int64(bitPattern: nonce))
        case .pong(let nonce):
            writer.write(TypeTag.pong.rawValue)
            writer.write(Int64(bitPattern: nonce))
        case .error(let error):
            writer.write(TypeTag.error.rawValue)
            writer.write(error.code.rawValue)
            writer.write(error.message)
        }
        return writer.bytes
    }

    /// `message` encoded, and deflated if `deflating` and it is a page that deflating shrinks
    /// (a `deflated` frame: PROTOCOL.md, *Deflated pages*).
    public static func encode(_ message: Message, deflating: Bool) -> [UInt8] {
        let body = encode(message)
        guard deflating, case .page = message, let deflated = Deflate.compress(Array(body.dropFirst())),
              deflated.count + 6 < body.count else { return body }
        var writer = ByteWriter(capacity: 6 + deflated.count)
        writer.write(TypeTag.deflated.rawValue)
        writer.write(TypeTag.page.rawValue)
        writer.write(UInt32(body.count - 1))
        writer.write(fixed: Data(deflated))
        return writer.bytes
    }

    public static func decode(_ body: [UInt8]) throws(WireFormatError) -> Message {
        var reader = ByteReader(body)
        guard !body.isEmpty else { throw .emptyBody }
        let tagByte = try reader.readUInt8("type")
        guard let tag = TypeTag(rawValue: tagByte) else { throw .unknownMessageType(tagByte) }
        let message: Message
        switch tag {
        case .deflated:
            // The message it carries, inflated to exactly the length it states; only a page.
            let inner = try reader.readUInt8("deflated.type")
            guard inner == TypeTag.page.rawValue else { throw .outOfRange(field: "deflated.type", value: Int64(inner)) }
            let length = Int(try reader.readUInt32("deflated.length"))
            guard let inflated = Deflate.decompress(try reader.take(reader.remaining, "deflated.data"), length: length) else {
                throw .outOfRange(field: "deflated.length", value: Int64(length))
            }
            return try decode([inner] + inflated)
        case .challenge:
            message = .challenge(Challenge(nonce: try reader.readData("challenge.nonce", maxBytes: Challenge.nonceBytes)))
        case .enrol:
            message = .enrol(Enrolment(
                code: try reader.readString("enrol.code", maxBytes: FieldLimit.actorBytes),
                device: try reader.readUUID("enrol.device"),
                publicKey: try reader.readData("enrol.publicKey", maxBytes: DeviceKey.publicKeyBytes),
                proof: try reader.readData("enrol.proof", maxBytes: ChainSignature.bytes)))
        case .enrolled:
            message = .enrolled(Enrolled(
                user: try reader.readString("enrolled.user", maxBytes: FieldLimit.actorBytes),
                serverDevice: try reader.readUUID("enrolled.serverDevice"),
                serverKey: try reader.readData("enrolled.serverKey", maxBytes: DeviceKey.publicKeyBytes)))
        case .hello:
            let lowest = try reader.readUInt16("hello.minVersion")
            let highest = try reader.readUInt16("hello.maxVersion")
            guard lowest <= highest else { throw .outOfRange(field: "hello.maxVersion", value: Int64(highest)) }
            message = .hello(Hello(
                versions: lowest...highest,
                device: try reader.readUUID("hello.device"),
                credential: try reader.readUUID("hello.credential"),
                actor: try reader.readString("hello.actor", maxBytes: FieldLimit.actorBytes),
                proof: try reader.readData("hello.proof", maxBytes: ChainSignature.bytes),
                recordedCseq: try reader.readInt64("hello.recordedCseq", in: 0...Int64.max),
                cursor: try reader.readInt64("hello.cursor", in: 0...Int64.max),
                cursorEvent: Self.event(try reader.readUUID("hello.cursorEvent")),
                clock: Timestamp(millisecondsSince1970: try reader.readInt64("hello.clock", in: 0...Int64.max))))
        case .welcome:
            let version = try reader.readUInt16("welcome.version")
            var welcome = Welcome(
                version: version,
                epoch: try reader.readUUID("welcome.epoch"),
                limits: WireLimits(maxFrameBytes: try reader.readUInt32("welcome.maxFrameBytes"),
                                   maxBatch: try reader.readUInt32("welcome.maxBatch")),
                acknowledgedCseq: try reader.readInt64("welcome.acknowledgedCseq", in: 0...Int64.max),
                acknowledgedEvent: Self.event(try reader.readUUID("welcome.acknowledgedEvent")),
                head: try reader.readInt64("welcome.head", in: 0...Int64.max),
                cursorKnown: try reader.readBool("welcome.cursorKnown"),
                clock: Timestamp(millisecondsSince1970: try reader.readInt64("welcome.clock", in: 0...Int64.max)))
            if version >= 3 {
                let window = try reader.readUInt16("welcome.window")
                guard (1...WireLimits.maxWindow).contains(window) else { throw .outOfRange(field: "welcome.window", value: Int64(window)) }
                welcome.limits.window = window
            }
            if version >= 5 {
                let next = try reader.readData("welcome.nextServerTLSKey", maxBytes: Welcome.tlsKeyBytes)
                guard next.isEmpty || next.count == Welcome.tlsKeyBytes else {
                    throw .outOfRange(field: "welcome.nextServerTLSKey", value: Int64(next.count))
                }
                welcome.nextServerTLSKey = next.isEmpty ? nil : next
            }
            message = .welcome(welcome)
        case .push:
            let signature = try reader.readData("push.signature", maxBytes: ChainSignature.bytes)
            let events = try reader.readArray("push.count", max: Int(UInt32.max), minElementBytes: minEventBytes) {
                (reader: inout ByteReader) throws(WireFormatError) in try reader.readEvent()
            }
            message = .push(Push(events: events, signature: signature))
        case .pushAck:
            let acknowledged = try reader.readInt64("pushAck.acknowledgedCseq", in: 0...Int64.max)
            let rejected = try reader.readArray("pushAck.rejected", max: Int(UInt32.max), minElementBytes: 8 + 16 + 4) {
                (reader: inout ByteReader) throws(WireFormatError) in
                Rejection(cseq: try reader.readInt64("rejection.cseq", in: 1...Int64.max), id: try reader.readUUID("rejection.id"),
                          reason: try reader.readString("rejection.reason", maxBytes: FieldLimit.messageBytes))
            }
            message = .pushAck(PushAck(acknowledgedCseq: acknowledged, rejected: rejected))
        case .pull:
            let after = try reader.readInt64("pull.after", in: 0...Int64.max), limit = try reader.readUInt32("pull.limit")
            var options = Pull.Options()
            if reader.remaining > 0 {
                let raw = try reader.readUInt8("pull.options")
                guard raw != 0, raw & ~Pull.Options.all.rawValue == 0 else { throw .outOfRange(field: "pull.options", value: Int64(raw)) }
                options = Pull.Options(rawValue: raw)
            }
            message = .pull(Pull(after: after, limit: limit, options: options))
        case .page:
            let head = try reader.readInt64("page.head", in: 0...Int64.max)
            let events = try reader.readArray("page.count", max: Int(UInt32.max), minElementBytes: minEventBytes + 16) {
                (reader: inout ByteReader) throws(WireFormatError) in
                let sseq = try reader.readInt64("page.sseq", in: 1...Int64.max)
                let receivedAt = Timestamp(millisecondsSince1970: try reader.readInt64("page.receivedAt"))
                return AcceptedEvent(event: try reader.readEvent(), sseq: sseq, receivedAt: receivedAt)
            }
            let proofs = try reader.readArray("page.proofs", max: Int(UInt32.max), minElementBytes: 16 + 8 + 4 + 4) {
                (reader: inout ByteReader) throws(WireFormatError) in
                let signature = ChainSignature(device: try reader.readUUID("proof.device"),
                                               cseq: try reader.readInt64("proof.cseq", in: 1...Int64.max),
                                               signature: try reader.readData("proof.signature", maxBytes: ChainSignature.bytes))
                let digests = try reader.readArray("proof.digests", max: Int(UInt32.max), minElementBytes: 8 + 32) {
                    (reader: inout ByteReader) throws(WireFormatError) in
                    (try reader.readInt64("proof.digest.cseq", in: 1...Int64.max), Data(try reader.take(32, "proof.digest")))
                }
                return ChainProof(signature: signature, digests: Dictionary(digests, uniquingKeysWith: { first, _ in first }))
            }
            message = .page(Page(events: events, head: head, proofs: proofs))
        case .subscribe:
            message = .subscribe
        case .notify:
            message = .notify(head: try reader.readInt64("notify.head", in: 0...Int64.max))
        case .attachmentOffer:
            message = .attachmentOffer(AttachmentOffer(
                digest: try reader.readDigest("attachmentOffer.sha256"),
                size: try reader.readInt64("attachmentOffer.size", in: 1...Int64.max)))
        case .attachmentState:
            let digest = try reader.readDigest("attachmentState.sha256")
            let size = try reader.readInt64("attachmentState.size", in: 1...Int64.max)
            message = .attachmentState(AttachmentState(
                digest: digest, size: size, received: try reader.readInt64("attachmentState.received", in: 0...size)))
        case .chunk:
            message = .chunk(Chunk(
                digest: try reader.readDigest("chunk.sha256"),
                offset: try reader.readInt64("chunk.offset", in: 0...Int64.max),
                bytes: try reader.readData("chunk.bytes", maxBytes: WireLimits.chunkBytes)))
        case .fetch:
            message = .fetch(Fetch(digest: try reader.readDigest("fetch.sha256"),
                                   offset: try reader.readInt64("fetch.offset", in: 0...Int64.max)))
        case .heldQuery:
            message = .heldQuery(devices: try reader.readArray("heldQuery.devices", max: Int(UInt32.max), minElementBytes: 16) {
                (reader: inout ByteReader) throws(WireFormatError) in try reader.readUUID("heldQuery.device")
            })
        case .held:
            message = .held(try reader.readArray("held.heads", max: Int(UInt32.max), minElementBytes: 16 + 8) {
                (reader: inout ByteReader) throws(WireFormatError) in
                ChainHead(device: try reader.readUUID("held.device"), cseq: try reader.readInt64("held.cseq", in: 0...Int64.max))
            })
        case .returnEvents:
            let device = try reader.readUUID("return.device")
            let signature = try reader.readData("return.signature", maxBytes: ChainSignature.bytes)
            let events = try reader.readArray("return.count", max: Int(UInt32.max), minElementBytes: minEventBytes) {
                (reader: inout ByteReader) throws(WireFormatError) in try reader.readEvent()
            }
            message = .returnEvents(Return(device: device, events: events, signature: signature))
        case .returnAck:
            let device = try reader.readUUID("returnAck.device")
            let acknowledged = try reader.readInt64("returnAck.acknowledgedCseq", in: 0...Int64.max)
            let rejected = try reader.readArray("returnAck.rejected", max: Int(UInt32.max), minElementBytes: 8 + 16 + 4) {
                (reader: inout ByteReader) throws(WireFormatError) in
                Rejection(cseq: try reader.readInt64("rejection.cseq", in: 1...Int64.max), id: try reader.readUUID("rejection.id"),
                          reason: try reader.readString("rejection.reason", maxBytes: FieldLimit.messageBytes))
            }
            message = .returnAck(ReturnAck(device: device, acknowledgedCseq: acknowledged, rejected: rejected))
        case .ping:
            message = .ping(nonce: UInt64(bitPattern: try reader.readInt64("ping.nonce")))
        case .pong:
            message = .pong(nonce: UInt64(bitPattern: try reader.readInt64("pong.nonce")))
        case .error:
            message = .error(WireError(
                code: ErrorCode(rawValue: try reader.readUInt16("error.code")),
                message: try reader.readString("error.message", maxBytes: FieldLimit.messageBytes)))
        }
        try reader.expectEnd()
        return message
    }
}

extension MessageCodec {
    /// How `hello` writes "no cursor event": sixteen zero bytes.
    static let noEvent = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    static func event(_ id: UUID) -> UUID? { id == noEvent ? nil : id }
}

extension ByteWriter {
    mutating func write(event: Event) {
        write(event.id)
        write(event.device)
        write(event.cseq)
        write(fixed: event.previous)
        write(event.actor)
        write(event.hlc.packed)
        write(event.recordedAt.millisecondsSince1970)
        write(event.subject)
        write(event.type.rawValue)
        write(event.schema)
        write(event.payload)
    }
}

extension ByteWriter {
    mutating func write(_ digest: ContentDigest) { write(fixed: Data(digest.bytes)) }
}

extension ByteReader {
    mutating func readDigest(_ field: String) throws(WireFormatError) -> ContentDigest {
        guard let digest = ContentDigest(bytes: try take(ContentDigest.byteCount, field)) else { throw .truncated(field: field) }
        return digest
    }

    mutating func readBool(_ field: String) throws(WireFormatError) -> Bool {
        let byte = try readUInt8(field)
        guard byte <= 1 else { throw .outOfRange(field: field, value: Int64(byte)) }
        return byte == 1
    }

    mutating func readEvent() throws(WireFormatError) -> Event {
        let id = try readUUID("event.id")
        let device = try readUUID("event.device")
        let cseq = try readInt64("event.cseq", in: 1...Int64.max)
        let previous = Data(try take(EventChain.hashBytes, "event.previous"))
        let actor = try readString("event.actor", maxBytes: MessageCodec.FieldLimit.actorBytes)
        let packedClock = try readInt64("event.hlc")
        guard let hlc = HybridTimestamp(packed: packedClock) else { throw .outOfRange(field: "event.hlc", value: packedClock) }
        let recordedAt = Timestamp(millisecondsSince1970: try readInt64("event.recordedAt"))
        let subject = try readUUID("event.subject")
        let type = try readString("event.type", maxBytes: MessageCodec.FieldLimit.typeBytes)
        let schema = try readUInt16("event.schema")
        let payload = try readData("event.payload", maxBytes: MessageCodec.FieldLimit.payloadBytes)
        return Event(id: id, device: device, cseq: cseq, actor: actor, hlc: hlc,
                     recordedAt: recordedAt, subject: subject, type: EventType(rawValue: type), schema: schema,
                     payload: payload, previous: previous)
    }
}

extension MessageCodec {
    /// The bytes `event` takes inside a ``Push``, without encoding it.
    public static func encodedBytes(of event: Event) -> Int {
        minEventBytes + event.actor.utf8.count + event.type.rawValue.utf8.count + event.payload.count
    }

    /// The bytes `accepted` takes inside a ``Page``, without encoding it.
    public static func encodedBytes(of accepted: AcceptedEvent) -> Int {
        16 + encodedBytes(of: accepted.event)
    }

    /// The bytes `proof` takes inside a ``Page``.
    public static func encodedBytes(of proof: ChainProof) -> Int {
        16 + 8 + 4 + proof.signature.signature.count + 4 + proof.digests.count * (8 + 32)
    }

    /// The bytes of a message body around its events (type, counts, head), with room to spare.
    public static let envelopeBytes = 64
}

import Foundation
import LantianProtocol

/// One libFuzzer input: bytes as they might arrive on a connection, and as an event payload.
///
/// The frame decoder must split them without crashing or allocating beyond its limit; each frame
/// must decode to a message or a `WireFormatError`; a message that decodes must survive encoding
/// and decoding again unchanged; every event it carries, and the input read as the payload of each
/// known event type, must be judged by `EventValidation` without crashing.
func fuzzWire(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    var decoder = FrameDecoder(maxBodyBytes: 1 << 20)
    decoder.append(bytes)
    while let body = try? decoder.nextBody() {
        guard let message = try? MessageCodec.decode(body) else { continue }
        guard (try? MessageCodec.decode(MessageCodec.encode(message))) == message else {
            fatalError("\(message.name) does not survive encoding and decoding again")
        }
        for event in events(in: message) { _ = EventValidation.problem(with: event) }
    }
    for type in EventValidation.knownTypes {
        _ = EventValidation.problem(with: sample.with(type: type, payload: Data(bytes)))
    }
    return 0
}

private func events(in message: Message) -> [Event] {
    switch message {
    case .push(let push): push.events
    case .page(let page): page.events.map(\.event)
    default: []
    }
}

private let sample = Event(
    id: UUID(), device: UUID(), cseq: 1, actor: "fuzz", hlc: .zero, recordedAt: Timestamp(millisecondsSince1970: 0),
    subject: UUID(), type: "fuzz", schema: 1, payload: Data())

private extension Event {
    func with(type: EventType, payload: Data) -> Event {
        var copy = self
        (copy.type, copy.payload) = (type, payload)
        return copy
    }
}

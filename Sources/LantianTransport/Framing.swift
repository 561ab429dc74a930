import LantianFraming

/// How a connection's byte stream is cut into messages.
public enum Framing: Sendable {
    /// Lantian's frames (``Frame``): a length, then a body of at most `maxBodyBytes`.
    case frames(maxBodyBytes: Int)
    /// Lines ending in "\n", each at most `maxBytes` (a line-based protocol such as gpsd's JSON).
    case lines(maxBytes: Int)
    /// No cutting: bytes handed over as they arrived (a relay that carries another protocol's stream).
    case stream

    /// The bytes that carry `body` in this framing.
    func encode(_ body: [UInt8]) -> [UInt8] {
        switch self {
        case .frames: Frame.encode(body: body)
        case .lines: LineDecoder.encode(body)
        case .stream: body
        }
    }

    /// A decoder that cuts received bytes into messages of this framing.
    func decoder() -> any MessageDecoding {
        switch self {
        case .frames(let maxBodyBytes): FrameDecoder(maxBodyBytes: maxBodyBytes)
        case .lines(let maxBytes): LineDecoder(maxBytes: maxBytes)
        case .stream: StreamDecoder()
        }
    }
}

/// What cuts received bytes into messages: mutated in place through the existential, so a
/// buffer is never copied.
protocol MessageDecoding {
    mutating func append(_ bytes: UnsafeRawBufferPointer)
    mutating func nextBody() throws(FrameError) -> [UInt8]?
}

extension FrameDecoder: MessageDecoding {}
extension LineDecoder: MessageDecoding {}

/// Hands over whatever arrived, as one message.
struct StreamDecoder: MessageDecoding {
    private var buffered: [UInt8] = []

    mutating func append(_ bytes: UnsafeRawBufferPointer) { buffered.append(contentsOf: bytes) }

    mutating func nextBody() throws(FrameError) -> [UInt8]? {
        guard !buffered.isEmpty else { return nil }
        defer { buffered = [] }
        return buffered
    }
}

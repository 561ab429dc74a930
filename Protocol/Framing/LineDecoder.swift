/// Cuts a byte stream into lines ending in "\n" (a carriage return before it dropped), however
/// the bytes were split when they arrived: the framing of line-based protocols such as gpsd's.
/// A line longer than `maxBytes` is refused as soon as that many bytes lack an end.
///
/// ```swift
/// var decoder = LineDecoder(maxBytes: 64 << 10)
/// decoder.append(received)
/// while let line = try decoder.nextBody() { handle(line) }
/// ```
public struct LineDecoder: Sendable {
    public let maxBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0

    public init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if start > 0, start * 2 > buffer.count {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete line without its end, or `nil` until more bytes arrive.
    public mutating func nextBody() throws(FrameError) -> [UInt8]? {
        guard let end = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) else {
            guard buffer.count - start <= maxBytes else { throw .oversized(declaredBytes: buffer.count - start, maxBytes: maxBytes) }
            return nil
        }
        guard end - start <= maxBytes else { throw .oversized(declaredBytes: end - start, maxBytes: maxBytes) }
        var line = Array(buffer[start..<end])
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        start = end + 1
        return line
    }

    /// `body` as a line to send.
    public static func encode(_ body: [UInt8]) -> [UInt8] { body + [UInt8(ascii: "\n")] }
}

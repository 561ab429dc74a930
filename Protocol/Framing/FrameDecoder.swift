/// Cuts a byte stream into frame bodies, however the bytes were split when they arrived.
///
/// An oversized length is refused as soon as its prefix arrives, before any body is buffered.
///
/// ```swift
/// var decoder = FrameDecoder(maxBodyBytes: 1 << 20)
/// decoder.append(received)
/// while let body = try decoder.nextBody() { handle(body) }
/// ```
public struct FrameDecoder: Sendable {
    public let maxBodyBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0

    public init(maxBodyBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
    }

    /// Bytes received but not yet returned as a body.
    public var bufferedBytes: Int { buffer.count - start }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compactIfWorthIt()
        buffer.append(contentsOf: bytes)
    }

    public mutating func append(_ bytes: some Sequence<UInt8>) {
        compactIfWorthIt()
        buffer.append(contentsOf: bytes)
    }

    /// The next complete body, or `nil` until more bytes arrive.
    public mutating func nextBody() throws(FrameError) -> [UInt8]? {
        guard bufferedBytes >= Frame.headerBytes else { return nil }
        let length = buffer[start..<start + Frame.headerBytes].reduce(0) { $0 << 8 | Int($1) }
        guard length > 0 else { throw .emptyBody }
        guard length <= maxBodyBytes else { throw .oversized(declaredBytes: length, maxBytes: maxBodyBytes) }
        guard bufferedBytes >= Frame.headerBytes + length else { return nil }
        let bodyStart = start + Frame.headerBytes
        start = bodyStart + length
        return Array(buffer[bodyStart..<start])
    }

    private mutating func compactIfWorthIt() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 65_536, start * 2 > buffer.count {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }
}

/// The frame layout: a `u32` big-endian body length, then the body. Bodies are never empty.
///
/// ```swift
/// let bytes = Frame.encode(body: MessageCodec.encode(.pull(Pull(after: 0, limit: 100))))
/// ```
public enum Frame {
    /// The size of the length prefix.
    public static let headerBytes = 4

    /// The body with its length prefix.
    public static func encode(body: [UInt8]) -> [UInt8] {
        var frame: [UInt8] = []
        frame.reserveCapacity(headerBytes + body.count)
        withUnsafeBytes(of: UInt32(body.count).bigEndian) { frame.append(contentsOf: $0) }
        frame.append(contentsOf: body)
        return frame
    }
}

import CLantianZlib

/// zlib streams (RFC 1950) for deflated pages: events as JSON compress about four to one, which
/// a phone catching up over a slow rural link gains in time (PROTOCOL.md, *Deflated pages*).
public enum Deflate {
    /// The largest body a deflated frame may inflate to: the reference server's largest frame.
    public static let maxInflatedBytes = 16 << 20

    /// `bytes` as a zlib stream, at zlib's fastest level: a server deflates every page it sends.
    public static func compress(_ bytes: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        guard deflateInit_(&stream, Z_BEST_SPEED, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))))
        guard run(&stream, from: bytes, into: &output, deflate) == Z_STREAM_END else { return nil }
        return Array(output.prefix(Int(stream.total_out)))
    }

    /// Inflates a zlib stream that must come to exactly `length` bytes, no more and no less, and
    /// end there: anything else (damaged, truncated, a different length, a bomb) is `nil`.
    public static func decompress(_ data: ArraySlice<UInt8>, length: Int) -> [UInt8]? {
        guard length >= 0, length <= maxInflatedBytes else { return nil }
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        // One byte of room beyond `length`: a stream that would inflate further is caught.
        var output = [UInt8](repeating: 0, count: length + 1)
        guard run(&stream, from: Array(data), into: &output, inflate) == Z_STREAM_END, stream.avail_in == 0,
              Int(stream.total_out) == length else { return nil }
        output.removeLast()
        return output
    }

    /// Runs `step` (`deflate` or `inflate`) once to the end on all of `input`, writing into `output`.
    private static func run(_ stream: inout z_stream, from input: [UInt8], into output: inout [UInt8],
                            _ step: (UnsafeMutablePointer<z_stream>?, Int32) -> Int32) -> Int32 {
        var input = input
        return input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = destination.baseAddress
                stream.avail_out = UInt32(destination.count)
                return step(&stream, Z_FINISH)
            }
        }
    }
}

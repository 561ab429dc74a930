import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Text files as Chinese offices save them: UTF-8 (with or without a byte-order mark), or the
/// GBK/GB 18030 that Excel and Notepad write on a Chinese Windows machine. GB 18030 is read with
/// the C library's `iconv`; it contains GBK, so both read correctly.
public enum ChineseText {
    /// Where a file stops being text of either encoding: its line (from 1) and byte offset (from 0).
    public struct Undecodable: Error, Hashable, Sendable {
        public let line: Int
        public let byte: Int
    }

    /// The text of `data`, and whether it was GB 18030 rather than UTF-8.
    public static func decode(_ data: Data) -> Result<(text: String, wasGB18030: Bool), Undecodable> {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return .success((text, false)) }
        return fromGB18030(bytes).map { ($0, true) }
    }

    private static func fromGB18030(_ bytes: [UInt8]) -> Result<String, Undecodable> {
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return .failure(Undecodable(line: 1, byte: 0)) }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        // UTF-8 takes at most 4 bytes for each GB 18030 character of at least 1 byte.
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 4)
        let (consumed, produced, failed): (Int, Int, Bool) = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                var inPointer = source.baseAddress, outPointer = destination.baseAddress
                var inLeft = source.count, outLeft = destination.count
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                return (source.count - inLeft, destination.count - outLeft, result == -1 || inLeft != 0)
            }
        }
        guard !failed else {
            let line = bytes.prefix(consumed).reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            return .failure(Undecodable(line: line, byte: consumed))
        }
        return .success(String(decoding: output.prefix(produced).map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }
}

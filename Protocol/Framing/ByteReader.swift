import Foundation

/// Reads protocol fields in wire order, refusing anything truncated or malformed.
///
/// Counts are checked against the bytes actually left before anything is allocated, so a hostile
/// length can never make the decoder allocate more than the frame it was given.
public struct ByteReader {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public var remaining: Int { bytes.count - offset }

    public mutating func readUInt8(_ field: String) throws(WireFormatError) -> UInt8 {
        guard let byte = try take(1, field).first else { throw .truncated(field: field) }
        return byte
    }

    public mutating func readUInt16(_ field: String) throws(WireFormatError) -> UInt16 {
        UInt16(truncatingIfNeeded: try readBigEndian(2, field))
    }

    public mutating func readUInt32(_ field: String) throws(WireFormatError) -> UInt32 {
        UInt32(truncatingIfNeeded: try readBigEndian(4, field))
    }

    public mutating func readInt64(_ field: String) throws(WireFormatError) -> Int64 {
        Int64(bitPattern: try readBigEndian(8, field))
    }

    /// Reads a signed integer that must lie in `range`.
    public mutating func readInt64(_ field: String, in range: ClosedRange<Int64>) throws(WireFormatError) -> Int64 {
        let value = try readInt64(field)
        guard range.contains(value) else { throw .outOfRange(field: field, value: value) }
        return value
    }

    public mutating func readUUID(_ field: String) throws(WireFormatError) -> UUID {
        let bytes = try take(16, field)
        var value: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &value) { $0.copyBytes(from: bytes) }
        return UUID(uuid: value)
    }

    public mutating func readString(_ field: String, maxBytes: Int) throws(WireFormatError) -> String {
        let slice = try take(try readLength(field, max: maxBytes), field)
        guard let string = String(validating: slice, as: UTF8.self) else { throw .invalidUTF8(field: field) }
        return string
    }

    public mutating func readData(_ field: String, maxBytes: Int) throws(WireFormatError) -> Data {
        Data(try take(try readLength(field, max: maxBytes), field))
    }

    /// Reads a count, then that many elements, each at least `minElementBytes` long.
    public mutating func readArray<Element>(
        _ field: String, max: Int, minElementBytes: Int,
        each: (inout ByteReader) throws(WireFormatError) -> Element
    ) throws(WireFormatError) -> [Element] {
        let count = try readLength(field, max: min(max, remaining / minElementBytes))
        var elements: [Element] = []
        elements.reserveCapacity(count)
        for _ in 0..<count { elements.append(try each(&self)) }
        return elements
    }

    public func expectEnd() throws(WireFormatError) {
        guard remaining == 0 else { throw .trailingBytes(count: remaining) }
    }

    private mutating func readLength(_ field: String, max: Int) throws(WireFormatError) -> Int {
        let length = Int(try readUInt32(field))
        guard length <= max else { throw .outOfRange(field: field, value: Int64(length)) }
        return length
    }

    private mutating func readBigEndian(_ width: Int, _ field: String) throws(WireFormatError) -> UInt64 {
        try take(width, field).reduce(0) { $0 << 8 | UInt64($1) }
    }

    public mutating func take(_ count: Int, _ field: String) throws(WireFormatError) -> ArraySlice<UInt8> {
        guard count <= remaining else { throw .truncated(field: field) }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }
}

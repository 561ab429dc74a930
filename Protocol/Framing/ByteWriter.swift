import Foundation

/// Appends protocol fields in wire order (PROTOCOL.md, *Field encodings*): integers big-endian, variable-length fields after a `u32` length.
public struct ByteWriter {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 64) { bytes.reserveCapacity(capacity) }

    public mutating func write(_ value: UInt8) { bytes.append(value) }
    public mutating func write(_ value: UInt16) { appendBigEndian(value) }
    public mutating func write(_ value: UInt32) { appendBigEndian(value) }
    public mutating func write(_ value: Int64) { appendBigEndian(UInt64(bitPattern: value)) }
    public mutating func write(_ value: UUID) { withUnsafeBytes(of: value.uuid) { bytes.append(contentsOf: $0) } }

    public mutating func write(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            write(UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func write(_ value: Data) {
        write(UInt32(value.count))
        bytes.append(contentsOf: value)
    }

    /// Writes bytes of a length both sides know (a hash), with no length before them.
    public mutating func write(fixed bytes: Data) { self.bytes.append(contentsOf: bytes) }

    /// Writes a count then each element.
    public mutating func write<Element>(_ elements: [Element], each: (inout ByteWriter, Element) -> Void) {
        write(UInt32(elements.count))
        for element in elements { each(&self, element) }
    }

    private mutating func appendBigEndian<Integer: FixedWidthInteger>(_ value: Integer) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}

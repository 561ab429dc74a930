/// Bytes that are not a valid message: says which field and what was wrong with it.
public enum WireFormatError: Error, Hashable, Sendable {
    /// The body ended before `field` was complete.
    case truncated(field: String)
    /// Bytes were left over after the message ended.
    case trailingBytes(count: Int)
    /// The first byte names no known message type.
    case unknownMessageType(UInt8)
    /// A text field is not valid UTF-8.
    case invalidUTF8(field: String)
    /// A field holds a value outside what the protocol allows.
    case outOfRange(field: String, value: Int64)
    /// A frame body was empty: every body starts with a message type.
    case emptyBody
}

/// How far a sync has got, in events and bytes, for a progress display.
public struct SyncProgress: Hashable, Sendable {
    /// This device's events to push, and how many have been acknowledged.
    public var pushTotal = 0
    public var pushed = 0
    /// Bytes of blobs to upload, and how many have been sent.
    public var attachmentBytesTotal: Int64 = 0
    public var attachmentBytesSent: Int64 = 0
    /// Events the server holds beyond the cursor (an estimate), and how many have been pulled.
    public var pullTotal: Int64 = 0
    public var pulled = 0
    /// Frame bytes sent and received (the driver counts these).
    public var bytesSent = 0
    public var bytesReceived = 0

    public init() {}
}

import Foundation

/// An event as the server accepted it: with its place in the server's global sequence.
public struct AcceptedEvent: Hashable, Sendable {
    public var event: Event
    /// The server's global sequence number (1, 2, 3…), assigned when it stored the event.
    public var sseq: Int64
    /// The server's clock when it stored the event.
    public var receivedAt: Timestamp

    public init(event: Event, sseq: Int64, receivedAt: Timestamp) {
        self.event = event
        self.sseq = sseq
        self.receivedAt = receivedAt
    }
}

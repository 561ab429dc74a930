import Foundation

/// Which blobs the server holds whole and verified.
public struct ReceivedAttachments: Projection {
    public static let eventTypes: Set<EventType> = [AttachmentReceived.eventType]

    public private(set) var digests: Set<String> = []

    public init() {}

    /// The blobs `digests` (64 hexadecimal digits each) have arrived, as a store's table says.
    public init(digests: Set<String>) { self.digests = digests }

    public mutating func apply(_ event: Event) {
        guard let received = try? PayloadCodec.decode(AttachmentReceived.self, from: event) else { return }
        digests.insert(received.sha256)
    }

    /// Whether the evidence has reached the server whole; if not, it is pending.
    public func hasArrived(_ evidence: Evidence) -> Bool {
        digests.contains(evidence.sha256.lowercased())
    }
}

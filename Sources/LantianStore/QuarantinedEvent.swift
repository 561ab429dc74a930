import Foundation
import LantianDomain

/// An event refused for good by the server, and why.
public struct QuarantinedEvent: Hashable, Sendable {
    public var device: UUID
    public var cseq: Int64
    public var id: UUID
    public var type: EventType
    public var reason: String
    public var at: Timestamp
}

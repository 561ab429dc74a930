import Foundation
import LantianDomain
import LantianFraming

/// An event the server refused for good, and why.
public struct Rejection: Hashable, Sendable {
    public var cseq: Int64
    public var id: UUID
    public var reason: String

    public init(cseq: Int64, id: UUID, reason: String) {
        self.cseq = cseq
        self.id = id
        self.reason = reason
    }
}

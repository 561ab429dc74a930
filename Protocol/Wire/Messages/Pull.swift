import Foundation
import LantianDomain
import LantianFraming

/// Asks for accepted events with a global sequence number greater than `after`.
public struct Pull: Hashable, Sendable {
    public var after: Int64
    public var limit: UInt32

    public init(after: Int64, limit: UInt32) {
        self.after = after
        self.limit = limit
    }
}

import Foundation
import LantianDomain
import LantianFraming

/// How many leading bytes of a blob the server holds: the offset to resume uploading from.
public struct AttachmentState: Hashable, Sendable {
    public var digest: ContentDigest
    public var size: Int64
    /// Bytes held, from the start; equal to `size` once the blob is whole and its hash verified.
    public var received: Int64

    public init(digest: ContentDigest, size: Int64, received: Int64) {
        self.digest = digest
        self.size = size
        self.received = received
    }

    public var isComplete: Bool { received == size }
}

import Foundation
import LantianDomain
import LantianFraming

/// A blob the client holds whole: its digest and size.
public struct AttachmentOffer: Hashable, Sendable {
    public var digest: ContentDigest
    public var size: Int64

    public init(digest: ContentDigest, size: Int64) {
        self.digest = digest
        self.size = size
    }
}

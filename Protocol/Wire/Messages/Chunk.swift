import Foundation
import LantianDomain
import LantianFraming

/// Bytes of a blob starting at `offset`.
public struct Chunk: Hashable, Sendable {
    public var digest: ContentDigest
    public var offset: Int64
    public var bytes: Data

    public init(digest: ContentDigest, offset: Int64, bytes: Data) {
        self.digest = digest
        self.offset = offset
        self.bytes = bytes
    }
}

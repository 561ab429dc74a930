import Foundation
import LantianDomain
import LantianFraming

/// A client asks for a blob the server holds, from `offset` (version 4): the server answers with
/// one ``Chunk`` of it, or `not-available` if no accepted event the user sees cites it.
public struct Fetch: Hashable, Sendable {
    public var digest: ContentDigest
    public var offset: Int64

    public init(digest: ContentDigest, offset: Int64) {
        self.digest = digest
        self.offset = offset
    }
}

import Foundation
import LantianDomain
import LantianFraming

/// The sizes a server accepts, announced in ``Welcome``.
public struct WireLimits: Hashable, Sendable {
    public static let standard = WireLimits(maxFrameBytes: 4 << 20, maxBatch: 1_000, window: 4)
    /// The most push batches a client may have in flight that a version-3 `welcome` may announce.
    public static let maxWindow: UInt16 = 64
    /// The most bytes in one chunk of a blob.
    public static let chunkBytes = 256 << 10
    /// The largest blob a server accepts (a photo or a short video clip).
    public static let maxAttachmentBytes = ContentDigest.maxBlobBytes

    /// The largest frame body accepted.
    public var maxFrameBytes: UInt32
    /// The most events in one push or one page.
    public var maxBatch: UInt32
    /// How many push batches a client may send before the first is acknowledged (version 3; 1, stop
    /// and wait, in version 2).
    public var window: UInt16

    public init(maxFrameBytes: UInt32, maxBatch: UInt32, window: UInt16 = 1) {
        self.maxFrameBytes = maxFrameBytes
        self.maxBatch = maxBatch
        self.window = window
    }
}

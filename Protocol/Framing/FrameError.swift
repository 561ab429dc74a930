/// A byte stream that breaks the frame layout; the connection cannot continue after it.
public enum FrameError: Error, Hashable, Sendable {
    /// The length prefix announces more than the receiver accepts.
    case oversized(declaredBytes: Int, maxBytes: Int)
    /// The length prefix is zero.
    case emptyBody
}

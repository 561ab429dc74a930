import LantianDomain

/// An error that a server sends its peer as an error frame: a code the peer's program acts on,
/// and the English message (the peer presents it in its user's language from the code).
///
/// ```swift
/// catch let error as any PeerError { send(.error(WireError(error))) }
/// ```
public protocol PeerError: PresentableError {
    var wireCode: ErrorCode { get }
}

extension WireError {
    /// The frame for an error a peer should hear of.
    public init(_ error: some PeerError) {
        self.init(code: error.wireCode, message: error.message(in: .english))
    }
}

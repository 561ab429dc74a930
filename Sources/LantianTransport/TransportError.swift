import CLibUV

/// A libuv call failed: which operation, and libuv's error name and message.
///
/// ```swift
/// catch let error as TransportError where error.isUnreachable { … }
/// ```
public struct TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The libuv error code (a negative errno value).
    public var code: Int32
    /// What was being done, such as `connect 127.0.0.1:7700`.
    public var operation: String
    /// Why TLS failed, when it was TLS (``code`` is then `EPROTO`).
    public var tls: TLSFailure?

    public init(code: Int32, operation: String) {
        self.code = code
        self.operation = operation
    }

    /// TLS failed, with `peer` (for logs).
    public init(tls failure: TLSFailure, peer: String = "?") {
        self.init(code: UV_EPROTO.rawValue, operation: "TLS with \(peer)")
        tls = failure
    }

    /// libuv's name for the error, such as `ECONNREFUSED`.
    public var name: String { String(cString: uv_err_name(code)) }

    public var description: String {
        if let tls { return "\(operation): \(tls)" }
        return "\(operation): \(String(cString: uv_strerror(code))) (\(name))"
    }

    /// Whether the error means the peer could not be reached (as opposed to a local fault).
    public var isUnreachable: Bool {
        let unreachable: [uv_errno_t] = [
            UV_ECONNREFUSED, UV_ETIMEDOUT, UV_EHOSTUNREACH, UV_ENETUNREACH, UV_ECONNRESET, UV_EAI_NONAME,
            UV_EAI_AGAIN, UV_EAI_FAIL, UV_ECANCELED, UV_EPIPE, UV_EOF, UV_ENETDOWN, UV_EADDRNOTAVAIL,
        ]
        return unreachable.contains { $0.rawValue == code }
    }

    static func check(_ result: Int32, _ operation: @autoclosure () -> String) throws(TransportError) {
        if result < 0 { throw TransportError(code: result, operation: operation()) }
    }
}

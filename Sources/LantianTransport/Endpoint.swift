/// A server address: `host:port`, with IPv6 literals in brackets (`[::1]:7700`).
///
/// ```swift
/// let endpoint = try Endpoint(parsing: "127.0.0.1:7700")
/// ```
public struct Endpoint: Hashable, Sendable, CustomStringConvertible {
    public var host: String
    public var port: UInt16

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses `host:port`; the error says what form is expected.
    public init(parsing text: String) throws(EndpointError) {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw EndpointError(text: text) }
            portText = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":"), !text[..<colon].contains(":") else { throw EndpointError(text: text) }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let port = UInt16(portText) else { throw EndpointError(text: text) }
        self.init(host: String(host), port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Whether the host is this machine (127.0.0.0/8, ::1 or localhost).
    public var isLoopback: Bool { host == "localhost" || host == "::1" || host.hasPrefix("127.") }
}

/// Text that is not `host:port`.
public struct EndpointError: Error, Hashable, Sendable, CustomStringConvertible {
    public var text: String
    public var description: String { "'\(text)' is not HOST:PORT (for example 127.0.0.1:7700 or [::1]:7700)" }
}

import CLibUV

/// Accepts TCP connections on a numeric address and hands each to ``onConnection`` once its TLS
/// handshake is done. A connection that does not finish the handshake within
/// ``handshakeTimeoutMilliseconds`` is closed, and one whose handshake fails is reported to
/// ``onHandshakeFailure``.
///
/// ```swift
/// let listener = try TCPListener(loop: loop, endpoint: Endpoint(host: "127.0.0.1", port: 0), maxFrameBytes: 1 << 20, security: .tls(context))
/// listener.onConnection = { connection in connection.onFrame = { body in … } }
/// print(listener.boundEndpoint)  // the port the system chose for 0
/// ```
public final class TCPListener: HandleOwner {
    public var onConnection: ((Connection) -> Void)?
    /// Called when accepting fails; the listener keeps listening.
    public var onAcceptError: ((TransportError) -> Void)?
    /// Called when a connection's TLS handshake fails or times out: with the peer and why.
    public var onHandshakeFailure: ((String, TransportError) -> Void)?
    /// How long a new connection has to finish its TLS handshake.
    public var handshakeTimeoutMilliseconds: UInt64 = 10_000
    public let security: ChannelSecurity
    /// The address actually bound, with the real port when 0 was asked for.
    public private(set) var boundEndpoint: Endpoint

    private let loop: EventLoop
    private let framing: Framing
    private let handle: UnsafeMutablePointer<uv_tcp_t>

    public convenience init(loop: EventLoop, endpoint: Endpoint, maxFrameBytes: Int, security: ChannelSecurity) throws(TransportError) {
        try self.init(loop: loop, endpoint: endpoint, framing: .frames(maxBodyBytes: maxFrameBytes), security: security)
    }

    /// As ``init(loop:endpoint:maxFrameBytes:security:)``, with messages cut as `framing` says.
    public init(loop: EventLoop, endpoint: Endpoint, framing: Framing, security: ChannelSecurity) throws(TransportError) {
        guard var address = SocketAddress.numeric(endpoint) else {
            throw TransportError(code: UV_EINVAL.rawValue, operation: "listen on \(endpoint): the host must be an IP address")
        }
        self.loop = loop
        self.framing = framing
        self.security = security
        boundEndpoint = endpoint
        handle = try Handle.make(uv_tcp_t.self, "uv_tcp_init") { uv_tcp_init(loop.raw, $0) }
        Handle.retain(self, in: handle)
        do {
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { uv_tcp_bind(handle, $0, 0) }
            }
            try TransportError.check(bound, "bind \(endpoint)")
            try TransportError.check(uv_listen(Handle.stream(handle), 511) { server, status in
                Handle.owner(of: server!, as: TCPListener.self).accept(status: status)
            }, "listen on \(endpoint)")
        } catch {
            Handle.close(handle)
            throw error
        }
        var actual = sockaddr_storage()
        var length = Int32(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { uv_tcp_getsockname(handle, $0, &length) }
        }
        let described = SocketAddress.describe(actual)
        boundEndpoint = (try? Endpoint(parsing: described)) ?? endpoint
    }

    /// Stops accepting; connections already accepted stay open.
    public func close() {
        Handle.close(handle)
    }

    func handleDidClose() {
        onConnection = nil
        onAcceptError = nil
        onHandshakeFailure = nil
    }

    private func accept(status: Int32) {
        guard status == 0 else {
            onAcceptError?(TransportError(code: status, operation: "accept"))
            return
        }
        do throws(TransportError) {
            let connection = try Connection(loop: loop, framing: framing, security: security, role: .server)
            let accepted = uv_accept(Handle.stream(handle), Handle.stream(connection.handle))
            guard accepted == 0 else {
                connection.abort()
                throw TransportError(code: accepted, operation: "accept")
            }
            let deadline = try LoopTimer(loop: loop)
            deadline.start(afterMilliseconds: handshakeTimeoutMilliseconds) { [unowned connection] in
                connection.abort()
            }
            connection.onClose = { [unowned self, unowned connection] reason in
                deadline.close()
                let failure = switch reason {
                case .failed(let error): error
                case .peerClosed: TransportError(tls: .closedDuringHandshake, peer: connection.peer)
                case .closedLocally: TransportError(code: UV_ETIMEDOUT.rawValue, operation: "TLS handshake with \(connection.peer)")
                }
                onHandshakeFailure?(connection.peer, failure)
            }
            connection.onEstablished = { [unowned self, unowned connection] in
                deadline.close()
                connection.onClose = nil
                onConnection?(connection)
            }
            connection.start()  // plaintext: established at once; callbacks begin on a later turn of the loop
        } catch {
            onAcceptError?(error)
        }
    }
}

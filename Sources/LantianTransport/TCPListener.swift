import CLibUV

/// Accepts TCP connections on a numeric address and hands each to ``onConnection``.
///
/// ```swift
/// let listener = try TCPListener(loop: loop, endpoint: Endpoint(host: "127.0.0.1", port: 0), maxFrameBytes: 1 << 20)
/// listener.onConnection = { connection in connection.onFrame = { body in … } }
/// print(listener.boundEndpoint)  // the port the system chose for 0
/// ```
public final class TCPListener: HandleOwner {
    public var onConnection: ((Connection) -> Void)?
    /// Called when accepting fails; the listener keeps listening.
    public var onAcceptError: ((TransportError) -> Void)?
    /// The address actually bound, with the real port when 0 was asked for.
    public private(set) var boundEndpoint: Endpoint

    private let loop: EventLoop
    private let maxFrameBytes: Int
    private let handle: UnsafeMutablePointer<uv_tcp_t>

    public init(loop: EventLoop, endpoint: Endpoint, maxFrameBytes: Int) throws(TransportError) {
        guard var address = SocketAddress.numeric(endpoint) else {
            throw TransportError(code: UV_EINVAL.rawValue, operation: "listen on \(endpoint): the host must be an IP address")
        }
        self.loop = loop
        self.maxFrameBytes = maxFrameBytes
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
    }

    private func accept(status: Int32) {
        guard status == 0 else {
            onAcceptError?(TransportError(code: status, operation: "accept"))
            return
        }
        do throws(TransportError) {
            let connection = try Connection(loop: loop, framing: .frames(maxBodyBytes: maxFrameBytes))
            let accepted = uv_accept(Handle.stream(handle), Handle.stream(connection.handle))
            guard accepted == 0 else {
                connection.abort()
                throw TransportError(code: accepted, operation: "accept")
            }
            connection.startReading()  // callbacks begin on a later turn of the loop, after the handler is set
            onConnection?(connection)
        } catch {
            onAcceptError?(error)
        }
    }
}

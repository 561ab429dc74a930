import CLibUV

extension Connection {
    /// Connects to `endpoint`, resolving a host name first if needed, and calls `completion` exactly
    /// once: with the connection, its TLS handshake done, the server trusted, reading and ready for
    /// ``send(_:)``; or with why it failed. Gives up with `ETIMEDOUT` when the server has not taken
    /// the connection within `timeoutMilliseconds`, or, once it has, not finished the handshake
    /// within `handshakeTimeoutMilliseconds` (by default the same): a busy server that is there is
    /// given longer than one that cannot be reached.
    ///
    /// ```swift
    /// Connection.connect(loop: loop, endpoint: endpoint, maxFrameBytes: 1 << 20, security: .tls(context), timeoutMilliseconds: 3_000) { result in … }
    /// ```
    public static func connect(
        loop: EventLoop, endpoint: Endpoint, maxFrameBytes: Int, security: ChannelSecurity, timeoutMilliseconds: UInt64,
        handshakeTimeoutMilliseconds: UInt64? = nil, completion: @escaping (Result<Connection, TransportError>) -> Void
    ) {
        connect(loop: loop, endpoint: endpoint, framing: .frames(maxBodyBytes: maxFrameBytes), security: security,
                timeoutMilliseconds: timeoutMilliseconds, handshakeTimeoutMilliseconds: handshakeTimeoutMilliseconds, completion: completion)
    }

    /// As ``connect(loop:endpoint:maxFrameBytes:security:timeoutMilliseconds:handshakeTimeoutMilliseconds:completion:)``, with messages cut as `framing` says.
    public static func connect(
        loop: EventLoop, endpoint: Endpoint, framing: Framing, security: ChannelSecurity, timeoutMilliseconds: UInt64,
        handshakeTimeoutMilliseconds: UInt64? = nil, completion: @escaping (Result<Connection, TransportError>) -> Void
    ) {
        do {
            let connector = try Connector(loop: loop, endpoint: endpoint, framing: framing, security: security,
                                          handshakeTimeoutMilliseconds: handshakeTimeoutMilliseconds ?? timeoutMilliseconds, completion: completion)
            connector.start(timeoutMilliseconds: timeoutMilliseconds)
        } catch {
            completion(.failure(error))
        }
    }
}

/// One connection attempt: name resolution, TCP connect, the TLS handshake and a deadline over all three.
private final class Connector {
    private let loop: EventLoop
    private let endpoint: Endpoint
    private let framing: Framing
    private let security: ChannelSecurity
    private var completion: ((Result<Connection, TransportError>) -> Void)?
    private let deadline: LoopTimer
    private let handshakeTimeout: UInt64
    private var connection: Connection?

    init(loop: EventLoop, endpoint: Endpoint, framing: Framing, security: ChannelSecurity, handshakeTimeoutMilliseconds: UInt64,
         completion: @escaping (Result<Connection, TransportError>) -> Void) throws(TransportError) {
        self.loop = loop
        handshakeTimeout = handshakeTimeoutMilliseconds
        self.endpoint = endpoint
        self.framing = framing
        self.security = security
        self.completion = completion
        deadline = try LoopTimer(loop: loop)
    }

    func start(timeoutMilliseconds: UInt64) {
        startDeadline(afterMilliseconds: timeoutMilliseconds)
        if let address = SocketAddress.numeric(endpoint) {
            connect(to: address)
        } else {
            resolve()
        }
    }

    private func startDeadline(afterMilliseconds delay: UInt64) {
        deadline.start(afterMilliseconds: delay) { [self] in
            connection?.abort()
            finish(.failure(TransportError(code: UV_ETIMEDOUT.rawValue, operation: "connect \(endpoint)")))
        }
    }

    private func resolve() {
        let request = UnsafeMutablePointer<uv_getaddrinfo_t>.allocate(capacity: 1)
        request.pointee.data = Unmanaged.passRetained(self).toOpaque()
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        let result = uv_getaddrinfo(loop.raw, request, { request, status, results in
            let connector = Unmanaged<Connector>.fromOpaque(request!.pointee.data).takeRetainedValue()
            request!.deallocate()
            defer { uv_freeaddrinfo(results) }
            guard status == 0, let first = results, let address = first.pointee.ai_addr else {
                return connector.finish(.failure(TransportError(code: status, operation: "resolve \(connector.endpoint.host)")))
            }
            var storage = sockaddr_storage()
            withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: UnsafeRawBufferPointer(start: address, count: Int(first.pointee.ai_addrlen))) }
            storage.ss_family = sa_family_t(first.pointee.ai_family)
            connector.setPort(&storage)
            connector.connect(to: storage)
        }, endpoint.host, nil, &hints)
        if result < 0 {
            Unmanaged<Connector>.fromOpaque(request.pointee.data).release()
            request.deallocate()
            finish(.failure(TransportError(code: result, operation: "resolve \(endpoint.host)")))
        }
    }

    private func setPort(_ storage: inout sockaddr_storage) {
        withUnsafeMutablePointer(to: &storage) { pointer in
            if Int32(pointer.pointee.ss_family) == AF_INET6 {
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { $0.pointee.sin6_port = endpoint.port.bigEndian }
            } else {
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_port = endpoint.port.bigEndian }
            }
        }
    }

    private func connect(to address: sockaddr_storage) {
        guard completion != nil else { return }  // timed out while resolving
        let connection: Connection
        do {
            connection = try Connection(loop: loop, framing: framing, security: security, role: .client(serverName: endpoint.host))
        } catch {
            return finish(.failure(error))
        }
        self.connection = connection
        var address = address
        let request = UnsafeMutablePointer<uv_connect_t>.allocate(capacity: 1)
        request.pointee.data = Unmanaged.passRetained(self).toOpaque()
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { address in
                uv_tcp_connect(request, connection.handle, address) { request, status in
                    let connector = Unmanaged<Connector>.fromOpaque(request!.pointee.data).takeRetainedValue()
                    request!.deallocate()
                    connector.connected(status: status)
                }
            }
        }
        if result < 0 {
            Unmanaged<Connector>.fromOpaque(request.pointee.data).release()
            request.deallocate()
            connected(status: result)
        }
    }

    private func connected(status: Int32) {
        guard let connection else { return }
        guard status == 0 else {
            connection.abort()
            return finish(.failure(TransportError(code: status, operation: "connect \(endpoint)")))
        }
        guard completion != nil else { return connection.abort() }
        // The server is there: its handshake gets its own, longer, deadline.
        startDeadline(afterMilliseconds: handshakeTimeout)
        // The connection holds this attempt until the handshake ends either way (both closures are then released).
        connection.onClose = { [self] reason in
            switch reason {
            case .failed(let error): finish(.failure(error))
            case .peerClosed: finish(.failure(TransportError(tls: .closedDuringHandshake, peer: "\(endpoint)")))
            case .closedLocally: finish(.failure(TransportError(code: UV_ECANCELED.rawValue, operation: "connect \(endpoint)")))
            }
        }
        connection.onEstablished = { [self, unowned connection] in
            connection.onClose = nil
            finish(.success(connection))
        }
        connection.start()
    }

    private func finish(_ result: Result<Connection, TransportError>) {
        deadline.close()
        let completion = completion
        self.completion = nil
        completion?(result)
    }
}

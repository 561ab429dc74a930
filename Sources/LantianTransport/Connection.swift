import CLibUV
import LantianFraming

/// One TCP connection carrying messages: length-prefixed frames (see ``Frame``), or lines for a
/// line-based protocol (``Framing``), inside TLS 1.3 unless made plaintext (``ChannelSecurity``).
///
/// Frames (or lines) arrive through ``onFrame``. A byte stream that breaks the frame layout stops reading
/// and is reported through ``onFrameError``, so the owner can answer with an error frame and close.
/// ``onClose`` is called exactly once, after libuv has released the socket.
public final class Connection: HandleOwner {
    public enum CloseReason: Hashable, Sendable {
        /// This side closed it.
        case closedLocally
        /// The peer closed its end.
        case peerClosed
        /// The socket or TLS failed.
        case failed(TransportError)
    }

    public var onFrame: (([UInt8]) -> Void)?
    public var onFrameError: ((FrameError) -> Void)?
    public var onClose: ((CloseReason) -> Void)?

    /// The peer's address, for logs.
    public private(set) var peer = "?"
    /// Bytes handed to libuv but not yet written to the socket.
    public private(set) var queuedWriteBytes = 0
    public private(set) var isOpen = true
    /// Above this many unwritten bytes the connection stops reading (the peer is not reading its
    /// answers, so it gets no more), and reads again once below half of it: memory stays bounded.
    public var writeHighWaterBytes = 8 << 20
    /// Whether reading is paused because too much is waiting to be written.
    public private(set) var isReadingPaused = false
    /// Whether the owner is busy with the last frame and takes no other until ``resumeFrames()``.
    public private(set) var isHoldingFrames = false

    let loop: EventLoop
    let handle: UnsafeMutablePointer<uv_tcp_t>
    private let framing: Framing
    private var decoder: any MessageDecoding
    private var closeReason = CloseReason.closedLocally
    private let tls: TLSChannel?
    /// Called once the TLS handshake is done and the peer trusted (at once without TLS).
    var onEstablished: (() -> Void)?

    init(loop: EventLoop, framing: Framing, security: ChannelSecurity, role: TLSChannel.Role) throws(TransportError) {
        self.loop = loop
        self.framing = framing
        decoder = framing.decoder()
        switch security {
        case .tls(let context):
            do { tls = try TLSChannel(context: context, role: role) } catch { throw TransportError(tls: error) }
        case .plaintext:
            tls = nil
        }
        handle = try Handle.make(uv_tcp_t.self, "uv_tcp_init") { uv_tcp_init(loop.raw, $0) }
        Handle.retain(self, in: handle)
        uv_tcp_nodelay(handle, 1)
    }

    /// The server's TLS key as this client saw it (`nil` without TLS, or on a server).
    public var serverKeyFingerprint: KeyFingerprint? { tls?.peerFingerprint }

    /// A value only the two ends of this TLS session share (RFC 5705/8446 exporter, label
    /// `EXPORTER-lantian-session`): signing it binds a signature to this connection. Empty without TLS.
    public var channelBinding: [UInt8] { tls?.exportedKeyingMaterial(label: Self.exporterLabel) ?? [] }

    /// The exporter label of ``channelBinding``.
    public static let exporterLabel = "EXPORTER-lantian-session"

    /// Starts the TLS handshake (a client speaks first), then reading.
    func start() {
        startReading()
        guard let tls else { return established() }
        do {
            try tls.start()
            flushTLS()
        } catch {
            failTLS(error)
        }
    }

    private func established() {
        let onEstablished = onEstablished
        self.onEstablished = nil
        onEstablished?()
    }

    /// Starts delivering frames; called once the socket is connected, and again after a pause.
    func startReading() {
        if peer == "?" { peer = Self.peerName(handle) }
        let result = uv_read_start(Handle.stream(handle), { handle, _, buffer in
            let connection = Handle.owner(of: handle!, as: Connection.self)
            buffer!.pointee = uv_buf_init(
                connection.loop.readBuffer.baseAddress!.assumingMemoryBound(to: CChar.self),
                UInt32(connection.loop.readBuffer.count))
        }, { stream, count, buffer in
            let connection = Handle.owner(of: stream!, as: Connection.self)
            if count > 0 {
                connection.received(UnsafeRawBufferPointer(start: buffer!.pointee.base, count: count))
            } else if count < 0 {
                connection.fail(Int32(count), operation: "read")
            }
        })
        if result < 0 { fail(result, operation: "uv_read_start") }
    }

    /// Sends one frame (or line) carrying `body`. Does nothing once the connection is closing.
    /// Before the TLS handshake is done it waits, and is sent only to a trusted peer.
    public func send(_ body: [UInt8]) {
        guard isOpen else { return }
        let frame = framing.encode(body)
        guard let tls else { return write(frame) }
        do {
            try tls.send(frame) { write($0) }
            flushTLS()
        } catch {
            failTLS(error)
        }
    }

    /// Hands over no further frame, and reads no further bytes, until ``resumeFrames()``: the owner
    /// answers the last frame off the loop, and frames are answered one at a time, in order. A peer
    /// that keeps sending meanwhile fills its own socket buffers, not this process's memory.
    public func holdFrames() {
        guard !isHoldingFrames else { return }
        isHoldingFrames = true
        uv_read_stop(Handle.stream(handle))
    }

    /// Hands over frames again: those already received first, then what the socket brings.
    public func resumeFrames() {
        guard isHoldingFrames else { return }
        isHoldingFrames = false
        guard isOpen else { return }
        if !isReadingPaused { startReading() }
        deliverBufferedFrames()
    }

    /// Hands what TLS has ready to the socket.
    private func flushTLS() {
        while let bytes = tls?.takeOutgoing() { write(bytes) }
    }

    /// Writes bytes to the socket: at once if nothing is queued and the socket takes them, else queued.
    private func write(_ bytes: [UInt8]) {
        var frame = bytes
        var offset = 0
        if queuedWriteBytes == 0 {
            let written = frame.withUnsafeMutableBytes { bytes in
                var buffer = uv_buf_init(bytes.baseAddress!.assumingMemoryBound(to: CChar.self), UInt32(bytes.count))
                return uv_try_write(Handle.stream(handle), &buffer, 1)
            }
            if written == frame.count { return }
            if written > 0 {
                offset = Int(written)
            } else if written != UV_EAGAIN.rawValue {
                return fail(written, operation: "write")
            }
        }
        queue(frame[offset...])
    }

    /// Closes the connection once everything queued has been written.
    public func close() {
        guard isOpen else { return }
        tls?.shutDown()
        flushTLS()
        isOpen = false
        uv_read_stop(Handle.stream(handle))
        let request = UnsafeMutablePointer<uv_shutdown_t>.allocate(capacity: 1)
        let result = uv_shutdown(request, Handle.stream(handle)) { request, _ in
            let stream = request!.pointee.handle!
            request!.deallocate()
            Handle.close(stream)
        }
        if result < 0 {
            request.deallocate()
            Handle.close(handle)
        }
    }

    /// Closes the connection at once, dropping anything not yet written.
    public func abort() {
        isOpen = false
        Handle.close(handle)
    }

    func handleDidClose() {
        isOpen = false
        let onClose = onClose
        onEstablished = nil
        onFrame = nil
        onFrameError = nil
        self.onClose = nil
        onClose?(closeReason)
    }

    private func received(_ bytes: UnsafeRawBufferPointer) {
        guard let tls else {
            decoder.append(bytes)
            return deliverBufferedFrames()
        }
        var failure: TLSFailure?
        do { try tls.receive(bytes, scratch: loop.plaintextBuffer) { decoder.append($0) } } catch { failure = error }
        if failure == nil { flushTLS() }
        // The handshake may finish in the same bytes as the peer's first records and its goodbye:
        // the owner hears of the connection, then of what arrived whole, then of the end.
        if tls.isEstablished, onEstablished != nil { established() }
        deliverBufferedFrames()
        if let failure { failTLS(failure) }
    }

    private func failTLS(_ failure: TLSFailure) {
        closeReason = failure == .closedByPeer ? .peerClosed : .failed(TransportError(tls: failure, peer: peer))
        // The alert that tells the peer why; but to a server it does not trust, a client sends nothing more.
        if case .untrustedServer = failure {} else { flushTLS() }
        abort()
    }

    /// Hands over every complete frame received, unless reading is paused or the connection closing.
    private func deliverBufferedFrames() {
        do {
            while isOpen, !isReadingPaused, !isHoldingFrames, let body = try decoder.nextBody() { onFrame?(body) }
        } catch {
            uv_read_stop(Handle.stream(handle))
            if let onFrameError { onFrameError(error) } else { close() }
        }
    }

    private func fail(_ code: Int32, operation: String) {
        if code == UV_EOF.rawValue, let tls, !tls.isEstablished {
            closeReason = .failed(TransportError(tls: .closedDuringHandshake, peer: peer))
        } else if code == UV_EOF.rawValue {
            closeReason = .peerClosed
        } else {
            closeReason = .failed(TransportError(code: code, operation: "\(operation) \(peer)"))
        }
        abort()
    }

    private func queue(_ bytes: ArraySlice<UInt8>) {
        let pending = PendingWrite(bytes)
        let request = UnsafeMutablePointer<uv_write_t>.allocate(capacity: 1)
        request.pointee.data = Unmanaged.passRetained(pending).toOpaque()
        var buffer = uv_buf_init(pending.storage.baseAddress!.assumingMemoryBound(to: CChar.self),
                                 UInt32(pending.storage.count))
        queuedWriteBytes += pending.storage.count
        if queuedWriteBytes > writeHighWaterBytes, !isReadingPaused, isOpen {
            isReadingPaused = true
            uv_read_stop(Handle.stream(handle))
        }
        let result = uv_write(request, Handle.stream(handle), &buffer, 1) { request, status in
            let pending = Unmanaged<PendingWrite>.fromOpaque(request!.pointee.data).takeRetainedValue()
            let connection = Handle.owner(of: request!.pointee.handle!, as: Connection.self)
            request!.deallocate()
            connection.queuedWriteBytes -= pending.storage.count
            if status < 0, status != UV_ECANCELED.rawValue { connection.fail(status, operation: "write") }
            connection.resumeReadingIfDrained()
        }
        if result < 0 {
            Unmanaged<PendingWrite>.fromOpaque(request.pointee.data).release()
            request.deallocate()
            queuedWriteBytes -= pending.storage.count
            fail(result, operation: "write")
        }
    }

    private func resumeReadingIfDrained() {
        guard isReadingPaused, isOpen, queuedWriteBytes <= writeHighWaterBytes / 2 else { return }
        isReadingPaused = false
        guard !isHoldingFrames else { return }
        startReading()
        deliverBufferedFrames()
    }

    private static func peerName(_ handle: UnsafeMutablePointer<uv_tcp_t>) -> String {
        var storage = sockaddr_storage()
        var length = Int32(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { uv_tcp_getpeername(handle, $0, &length) }
        }
        return result == 0 ? SocketAddress.describe(storage) : "?"
    }
}

/// Bytes handed to `uv_write`, kept alive until its callback.
private final class PendingWrite {
    let storage: UnsafeMutableRawBufferPointer

    init(_ bytes: ArraySlice<UInt8>) {
        storage = .allocate(byteCount: bytes.count, alignment: 1)
        storage.copyBytes(from: bytes)
    }

    deinit { storage.deallocate() }
}

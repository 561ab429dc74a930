import CLibUV
import Glibc

/// One libuv event loop. Everything that uses it runs on the thread that calls ``run()``:
/// only that thread may touch the loop or its handles.
///
/// ```swift
/// let loop = try EventLoop()
/// let listener = try TCPListener(loop: loop, endpoint: endpoint) { connection in … }
/// loop.run()
/// ```
public final class EventLoop {
    let raw: UnsafeMutablePointer<uv_loop_t>
    /// One read buffer shared by every connection: libuv hands it to a read callback and gets it
    /// back before it asks for the next one, and each callback copies out what it keeps.
    let readBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)
    /// One buffer shared by every TLS connection to decrypt into: each copies out what it keeps
    /// (an idle connection holds no buffer of its own).
    let plaintextBuffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 << 10, alignment: 16)

    public init() throws(TransportError) {
        // libuv writes to sockets whose peer may have gone; without this, SIGPIPE would end the process.
        signal(SIGPIPE, SIG_IGN)
        raw = .allocate(capacity: 1)
        let result = uv_loop_init(raw)
        guard result == 0 else {
            raw.deallocate()
            readBuffer.deallocate()
            plaintextBuffer.deallocate()
            throw TransportError(code: result, operation: "uv_loop_init")
        }
    }

    /// Runs until no handle is active or ``stop()`` is called.
    public func run() {
        uv_run(raw, UV_RUN_DEFAULT)
    }

    /// Makes ``run()`` return after the current callback.
    public func stop() {
        uv_stop(raw)
    }

    deinit {
        // Close whatever is still open and let libuv run the close callbacks, which release owners.
        uv_walk(raw, { handle, _ in
            if let handle, uv_is_closing(handle) == 0 { uv_close(handle, Handle.closed) }
        }, nil)
        uv_run(raw, UV_RUN_DEFAULT)
        uv_loop_close(raw)
        raw.deallocate()
        readBuffer.deallocate()
        plaintextBuffer.deallocate()
    }
}

import CLibUV

/// Runs an action on the loop thread whenever a socket another library owns has something to read
/// (libpq's connection, listening for PostgreSQL notifications): the loop waits on it with the rest.
///
/// ```swift
/// let watcher = try SocketWatcher(loop: loop, socket: connection.socket) { server.recordMoved() }
/// ```
public final class SocketWatcher: HandleOwner {
    private let handle: UnsafeMutablePointer<uv_poll_t>
    private var action: (() -> Void)?

    /// - Parameter keepsLoopAlive: whether the loop keeps running while only this watches (a
    ///   server's loop ends when its listener closes, whatever else it watches).
    public init(loop: EventLoop, socket: Int32, keepsLoopAlive: Bool = false, action: @escaping () -> Void) throws(TransportError) {
        handle = try Handle.make(uv_poll_t.self, "uv_poll_init") { uv_poll_init(loop.raw, $0, socket) }
        Handle.retain(self, in: handle)
        self.action = action
        if !keepsLoopAlive { uv_unref(Handle.generic(handle)) }
        do {
            try TransportError.check(uv_poll_start(handle, Int32(UV_READABLE.rawValue), { handle, _, _ in
                Handle.owner(of: handle!, as: SocketWatcher.self).action?()
            }), "watch socket \(socket)")
        } catch {
            Handle.close(handle)
            throw error
        }
    }

    public func close() {
        Handle.close(handle)
    }

    func handleDidClose() {
        action = nil
    }
}

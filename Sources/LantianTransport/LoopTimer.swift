import CLibUV

/// A libuv timer: runs an action after a delay, and optionally again at an interval.
///
/// ```swift
/// let timer = try LoopTimer(loop: loop)
/// timer.start(afterMilliseconds: 2_000) { connection.abort() }
/// ```
public final class LoopTimer: HandleOwner {
    private let handle: UnsafeMutablePointer<uv_timer_t>
    private let loop: EventLoop
    private var action: (() -> Void)?

    public init(loop: EventLoop) throws(TransportError) {
        self.loop = loop
        handle = try Handle.make(uv_timer_t.self, "uv_timer_init") { uv_timer_init(loop.raw, $0) }
        Handle.retain(self, in: handle)
    }

    /// (Re)starts the timer; a repeat of 0 fires once. The delay counts from now, not from the
    /// loop's cached time, which is stale when work ran since the loop last turned.
    public func start(afterMilliseconds delay: UInt64, repeatMilliseconds interval: UInt64 = 0, action: @escaping () -> Void) {
        self.action = action
        uv_update_time(loop.raw)
        uv_timer_start(handle, { handle in
            Handle.owner(of: handle!, as: LoopTimer.self).action?()
        }, delay, interval)
    }

    public func stop() {
        uv_timer_stop(handle)
    }

    /// Whether a pending timer keeps ``EventLoop/run()`` from returning; a watchdog should not.
    public var keepsLoopAlive: Bool {
        get { uv_has_ref(Handle.generic(handle)) != 0 }
        set { newValue ? uv_ref(Handle.generic(handle)) : uv_unref(Handle.generic(handle)) }
    }

    public func close() {
        Handle.close(handle)
    }

    func handleDidClose() {
        action = nil
    }
}

import CLibUV
import Glibc

/// Runs an action on the loop thread when the process receives a signal (SIGINT, SIGTERM…).
///
/// ```swift
/// let interrupt = try SignalWatcher(loop: loop, signal: SIGINT) { server.shutDown() }
/// ```
public final class SignalWatcher: HandleOwner {
    private let handle: UnsafeMutablePointer<uv_signal_t>
    private var action: (() -> Void)?

    public init(loop: EventLoop, signal: Int32, action: @escaping () -> Void) throws(TransportError) {
        handle = try Handle.make(uv_signal_t.self, "uv_signal_init") { uv_signal_init(loop.raw, $0) }
        Handle.retain(self, in: handle)
        self.action = action
        // A process may inherit a mask that blocks the signal (a parent's thread did); watch it for real.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, signal)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        do {
            try TransportError.check(uv_signal_start(handle, { handle, _ in
                Handle.owner(of: handle!, as: SignalWatcher.self).action?()
            }, signal), "watch signal \(signal)")
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

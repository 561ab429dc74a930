import CLibUV

extension EventLoop {
    /// Runs `work` on libuv's thread pool, then `done` with its result on the loop thread: how a
    /// server keeps database work off its loop, so a slow commit delays one connection, not every
    /// connection's handshakes and answers.
    ///
    /// `work` runs on another thread: the caller hands it what it touches (a session no one else
    /// uses meanwhile, a store safe across threads) and touches none of that again until `done`.
    /// ``run()`` does not return before every `done` has run. The pool has four threads unless
    /// `UV_THREADPOOL_SIZE` says otherwise.
    ///
    /// ```swift
    /// loop.perform({ try? store.head() }) { head in notify(through: head) }
    /// ```
    public func perform<Value>(_ work: @escaping () -> Value, then done: @escaping (Value) -> Void) {
        let job = BackgroundWork(work, then: done)
        let request = UnsafeMutablePointer<uv_work_t>.allocate(capacity: 1)
        request.pointee.data = Unmanaged.passRetained(job).toOpaque()
        let result = uv_queue_work(raw, request, { request in
            Unmanaged<BackgroundWork>.fromOpaque(request!.pointee.data).takeUnretainedValue().run()
        }, { request, _ in
            // Called on the loop thread, also when the loop is torn down with the work done.
            let job = Unmanaged<BackgroundWork>.fromOpaque(request!.pointee.data).takeRetainedValue()
            request!.deallocate()
            job.finish()
        })
        guard result != 0 else { return }
        // libuv refuses only a request without a work callback; do the work here rather than lose it.
        Unmanaged<BackgroundWork>.fromOpaque(request.pointee.data).release()
        request.deallocate()
        done(work())
    }
}

/// One ``EventLoop/perform(_:then:)``: the work, and what is done with its result back on the loop.
private final class BackgroundWork {
    let run: () -> Void
    let finish: () -> Void

    init<Value>(_ work: @escaping () -> Value, then done: @escaping (Value) -> Void) {
        var outcome: Value?
        run = { outcome = work() }
        finish = { if let outcome { done(outcome) } }
    }
}

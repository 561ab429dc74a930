import CLibUV

/// A Swift object that owns a libuv handle and wants to know when libuv is done with it.
protocol HandleOwner: AnyObject {
    func handleDidClose()
}

/// The lifetime rule for every libuv handle here: the handle's memory is allocated by its owner,
/// `handle->data` holds a retained reference to the owner from initialisation, and the close
/// callback frees the memory and releases the owner — never earlier, as libuv may still call back.
enum Handle {
    /// Allocates a handle of type `T` and initialises it with `initialise` (such as `uv_tcp_init`),
    /// freeing it again if that fails. The owner then calls ``retain(_:in:)``.
    static func make<T>(
        _: T.Type, _ operation: String, _ initialise: (UnsafeMutablePointer<T>) -> Int32
    ) throws(TransportError) -> UnsafeMutablePointer<T> {
        let handle = UnsafeMutablePointer<T>.allocate(capacity: 1)
        let result = initialise(handle)
        guard result == 0 else {
            handle.deallocate()
            throw TransportError(code: result, operation: operation)
        }
        return handle
    }

    /// Makes `handle` keep `owner` alive until it is closed.
    static func retain<T>(_ owner: HandleOwner, in handle: UnsafeMutablePointer<T>) {
        generic(handle).pointee.data = Unmanaged.passRetained(owner as AnyObject).toOpaque()
    }

    /// The owner of a handle set up with ``retain(_:in:)``.
    static func owner<Owner: AnyObject, T>(of handle: UnsafeMutablePointer<T>, as _: Owner.Type) -> Owner {
        Unmanaged<AnyObject>.fromOpaque(generic(handle).pointee.data).takeUnretainedValue() as! Owner
    }

    static func generic<T>(_ handle: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<uv_handle_t> {
        UnsafeMutableRawPointer(handle).assumingMemoryBound(to: uv_handle_t.self)
    }

    static func stream<T>(_ handle: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<uv_stream_t> {
        UnsafeMutableRawPointer(handle).assumingMemoryBound(to: uv_stream_t.self)
    }

    /// Closes `handle` unless it is already closing.
    static func close<T>(_ handle: UnsafeMutablePointer<T>) {
        let handle = generic(handle)
        if uv_is_closing(handle) == 0 { uv_close(handle, closed) }
    }

    /// The close callback: tells the owner, frees the handle, releases the owner.
    static let closed: uv_close_cb = { handle in
        guard let handle else { return }
        let data = handle.pointee.data
        handle.pointee.data = nil
        handle.deallocate()
        guard let data else { return }
        let owner = Unmanaged<AnyObject>.fromOpaque(data)
        (owner.takeUnretainedValue() as? HandleOwner)?.handleDidClose()
        owner.release()
    }
}

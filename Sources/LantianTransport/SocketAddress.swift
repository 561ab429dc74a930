import CLibUV

/// Conversions between ``Endpoint``s with numeric hosts and C socket addresses.
enum SocketAddress {
    /// The socket address of a numeric host (`127.0.0.1`, `::1`; `localhost` means `127.0.0.1`),
    /// or `nil` for a host name that needs resolving.
    static func numeric(_ endpoint: Endpoint) -> sockaddr_storage? {
        let host = endpoint.host == "localhost" ? "127.0.0.1" : endpoint.host
        var storage = sockaddr_storage()
        let ok = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { uv_ip4_addr(host, Int32(endpoint.port), $0) } == 0
                || pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    uv_ip6_addr(host, Int32(endpoint.port), $0)
                } == 0
        }
        return ok ? storage : nil
    }

    private static func text(_ characters: [CChar]) -> String {
        characters.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// `host:port` for an IPv4 or IPv6 socket address.
    static func describe(_ storage: sockaddr_storage) -> String {
        var storage = storage
        let family = Int32(storage.ss_family)
        var name = [CChar](repeating: 0, count: 64)
        return withUnsafePointer(to: &storage) { pointer in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    uv_ip6_name(address, &name, name.count)
                    return "[\(text(name))]:\(UInt16(bigEndian: address.pointee.sin6_port))"
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                uv_ip4_name(address, &name, name.count)
                return "\(text(name)):\(UInt16(bigEndian: address.pointee.sin_port))"
            }
        }
    }
}

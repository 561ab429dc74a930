import Foundation

/// The built `lantiand` and `lantian`: next to the test bundle, or in `$LANTIAN_BIN_DIR`.
enum Binaries {
    static let directory: URL = {
        if let folder = ProcessInfo.processInfo.environment["LANTIAN_BIN_DIR"] { return URL(fileURLWithPath: folder) }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/", !FileManager.default.isExecutableFile(atPath: folder.appendingPathComponent("lantiand").path) {
            folder.deleteLastPathComponent()
        }
        return folder
    }()

    static func path(_ name: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw Failure("\(name) is not built next to the tests: run `swift build` first, or set LANTIAN_BIN_DIR")
        }
        return path
    }
}

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A folder of its own for one test.
func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lantian-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// A loopback port nothing listens on right now (the system picks it, then it is released).
func freePort() throws -> UInt16 {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
    }
    guard bound else { throw Failure("cannot find a free port") }
    return UInt16(bigEndian: address.sin_port)
}

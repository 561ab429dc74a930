import Foundation
import LantianTestSupport

/// A real `lantiand serve` process on loopback. A server started on a store that does not exist
/// yet is given ``TestGrid`` and its users first, as an administrator would.
final class ServerProcess {
    /// The store of the server last started at each address: where devices that sync with that
    /// address are enrolled (``FieldDevice/enrolIfNeeded(server:)``).
    nonisolated(unsafe) static var stores: [String: String] = [:]
    private static let storesLock = NSLock()

    static func store(at address: String) -> String? { storesLock.withLock { stores[address] } }

    /// Addresses of servers started with the plaintext debugging listener: devices that sync with
    /// them are told to speak plaintext (``FieldClient/plaintextVariable``).
    nonisolated(unsafe) static var plaintextAddresses: Set<String> = []
    static func isPlaintext(_ address: String) -> Bool { storesLock.withLock { plaintextAddresses.contains(address) } }

    let database: String
    let port: UInt16
    var address: String { "127.0.0.1:\(port)" }
    private let process: ChildProcess
    private let output: URL
    private let log: URL

    /// Starts the server and returns once it prints that it is listening; `launcher` (a command
    /// and its arguments, `prlimit` say) runs it, when given. It speaks Chinese, as an
    /// administrator's terminal does by default, unless `lang` (a `LANG` value) says otherwise.
    /// - Parameter plaintext: listen with `--insecure-plaintext-loopback`, for proxies that read frames.
    init(database: String, port: UInt16, folder: URL, extraArguments: [String] = [], launcher: [String] = [],
         lang: String = "zh_CN.UTF-8", plaintext: Bool = false) throws {
        self.database = database
        self.port = port
        if !FileManager.default.fileExists(atPath: database) { try TestGrid.administer(database) }
        Self.storesLock.withLock {
            Self.stores["127.0.0.1:\(port)"] = database
            if plaintext { Self.plaintextAddresses.insert("127.0.0.1:\(port)") } else { Self.plaintextAddresses.remove("127.0.0.1:\(port)") }
        }
        let extraArguments = extraArguments + (plaintext ? ["--insecure-plaintext-loopback"] : [])
        output = folder.appendingPathComponent("lantiand-\(UUID().uuidString).out")
        log = folder.appendingPathComponent("lantiand-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: output.path, contents: nil),
              FileManager.default.createFile(atPath: log.path, contents: nil) else { throw Failure("cannot create files in \(folder.path)") }
        let (printed, logged) = (try FileHandle(forWritingTo: output), try FileHandle(forWritingTo: log))
        defer { try? printed.close(); try? logged.close() }
        let command = launcher + [try Binaries.path("lantiand")]
            + SharedDatabases.resolving(["serve", "--db", database, "--listen", "127.0.0.1:\(port)"] + extraArguments)
        process = try ChildProcess(path: command[0], arguments: Array(command.dropFirst()),
                                   environment: ProcessInfo.processInfo.environment.merging(["LANG": lang, "LC_ALL": "", "LC_MESSAGES": ""]) { $1 },
                                   input: FileHandle.nullDevice.fileDescriptor,
                                   output: printed.fileDescriptor, error: logged.fileDescriptor)
        let deadline = Date().addingTimeInterval(20)
        // The ready line: `正在监听 …`, or `listening on …` where LANG asks for English.
        while !((try? String(contentsOf: output, encoding: .utf8)) ?? "").contains(/正在监听|listening on/) {
            guard process.isRunning, Date() < deadline else {
                process.send(SIGTERM)
                throw Failure("lantiand did not start: \(self.logText)")
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }

    /// The server's limit on open files, soft and hard, as the kernel holds them (`/proc/PID/limits`).
    func openFileLimits() -> (soft: Int, hard: Int)? {
        guard let limits = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/limits", encoding: .utf8),
              let line = limits.split(separator: "\n").first(where: { $0.hasPrefix("Max open files") }) else { return nil }
        let numbers = line.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
        return numbers.count >= 2 ? (numbers[0], numbers[1]) : nil
    }

    /// The server's resident memory (VmRSS), in megabytes; `nil` once it has exited.
    func residentMegabytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.split(whereSeparator: \.isWhitespace)[1]) else { return nil }
        return kilobytes / 1024
    }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }
    /// What it printed on standard output: the ready line.
    var outputText: String { (try? String(contentsOf: output, encoding: .utf8)) ?? "" }

    /// Kills the server with SIGKILL: no chance to close anything.
    func kill() {
        process.send(SIGKILL)
        process.waitUntilExit()
    }

    /// Asks the server to stop with SIGTERM and returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        process.send(SIGTERM)
        return process.terminationStatus
    }
}

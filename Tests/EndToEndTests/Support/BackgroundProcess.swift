import Foundation

/// One of our executables running in the background, its output in a file, until a signal stops it.
final class BackgroundProcess {
    private let process: ChildProcess
    private let log: URL

    init(_ executable: String, _ arguments: [String], folder: URL, environment: [String: String] = [:]) throws {
        log = folder.appendingPathComponent("\(executable)-\(UUID().uuidString).out")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw Failure("cannot create \(log.path)") }
        let printed = try FileHandle(forWritingTo: log)
        defer { try? printed.close() }
        process = try ChildProcess(path: try Binaries.path(executable), arguments: arguments, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 },
                                   input: FileHandle.nullDevice.fileDescriptor, output: printed.fileDescriptor, error: printed.fileDescriptor)
    }

    /// What it has printed so far, standard output and error together.
    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    var isRunning: Bool { process.isRunning }

    /// Waits for it to end by itself, at most `seconds`; returns its exit status, or nil if still running.
    func wait(seconds: TimeInterval) -> Int32? {
        guard waitUntil(seconds: seconds, { !process.isRunning }) else { return nil }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Sends `signal` (if it still runs) and returns how it ended.
    @discardableResult
    func stop(signal: Int32) -> Int32 {
        process.send(signal)
        return process.terminationStatus
    }
}

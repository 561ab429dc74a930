import Foundation

/// One of our executables running in the background, its output in a file, until a signal stops it.
final class BackgroundProcess {
    private let process = Process()
    private let log: URL

    init(_ executable: String, _ arguments: [String], folder: URL) throws {
        log = folder.appendingPathComponent("\(executable)-\(UUID().uuidString).out")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw Failure("cannot create \(log.path)") }
        process.executableURL = URL(fileURLWithPath: try Binaries.path(executable))
        process.arguments = arguments
        process.standardOutput = try FileHandle(forWritingTo: log)
        process.standardError = process.standardOutput
        try process.run()
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
        if process.isRunning { kill(process.processIdentifier, signal) }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

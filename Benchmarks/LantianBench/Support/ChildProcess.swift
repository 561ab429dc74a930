import Foundation

/// A program the benchmark runs as its own process (the real `lantiand` and `lantian`), with what
/// the kernel says it cost: wall time and peak resident memory (`wait4`'s `ru_maxrss`).
final class ChildProcess {
    /// How a finished process ended.
    struct Outcome {
        var status: Int32
        var seconds: Double
        /// User and system CPU time: against `seconds`, how much of the wait was this process working.
        var cpuSeconds: Double
        var peakResidentBytes: Int
        var output: String
        var errors: String
    }

    let pid: pid_t
    private let started = ContinuousClock.now
    private let outputPath: String
    private let errorPath: String

    /// Starts `executable` with `arguments`; its standard output and error go to files, the output
    /// read back at the end, the error shown when it fails.
    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        let name = FileManager.default.temporaryDirectory.appendingPathComponent("lantian-bench-\(UUID().uuidString)").path
        outputPath = name + ".out"
        errorPath = name + ".err"
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        let envp = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        guard result == 0 else { throw BenchError.failed("cannot start \(executable): \(String(cString: strerror(result)))") }
        self.pid = pid
    }

    /// What the process has written to standard output so far.
    var outputSoFar: String { Self.text(at: outputPath) }

    /// A file's text, with any invalid UTF-8 replaced rather than the whole lost (a message cut mid-character).
    static func text(at path: String) -> String {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) { kill(pid, signal) }

    /// Waits for the process to end, sampling its peak resident memory (`VmHWM`) meanwhile.
    /// `wait4`'s `ru_maxrss` would not do: a spawned child inherits its parent's high-water mark.
    func wait() -> Outcome {
        var status: Int32 = 0
        var usage = rusage()
        var peak = 0
        while true {
            peak = max(peak, peakResidentBytesSoFar)
            let result = wait4(pid, &status, WNOHANG, &usage)
            if result == pid || (result == -1 && errno != EINTR) { break }
            usleep(2_000)
        }
        let elapsed = ContinuousClock.now - started
        let output = outputSoFar
        let errors = Self.text(at: errorPath)
        try? FileManager.default.removeItem(atPath: outputPath)
        try? FileManager.default.removeItem(atPath: errorPath)
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return Outcome(status: exit, seconds: elapsed.seconds, cpuSeconds: cpu, peakResidentBytes: peak, output: output, errors: errors)
    }

    /// The process's peak resident memory so far (`VmHWM` in `/proc/PID/status`; 0 once it has exited).
    var peakResidentBytesSoFar: Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return 0 }
        return kilobytes * 1024
    }

    /// Runs `executable` to its end; throws unless it exits 0.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Outcome {
        let outcome = try ChildProcess(executable, arguments, environment: environment).wait()
        guard outcome.status == 0 else {
            throw BenchError.failed("\(URL(fileURLWithPath: executable).lastPathComponent) \(arguments.joined(separator: " ")) exited \(outcome.status): \(outcome.errors.suffix(800))\(outcome.output.suffix(300))")
        }
        return outcome
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// Why a benchmark could not run: it stops, since a figure from a broken run means nothing.
enum BenchError: Error, CustomStringConvertible {
    case failed(String)

    var description: String {
        switch self {
        case .failed(let reason): reason
        }
    }
}

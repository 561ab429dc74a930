import Foundation
import Glibc

/// A child process started with `posix_spawn`, its standard streams on descriptors we give.
///
/// Not Foundation's `Process`: on Linux its `run()` can crash reading `/proc/self/fd` (a buffer
/// over-read, swift-corelibs-foundation #5472, fixed after Swift 6.3.1), and a suite that starts
/// hundreds of processes while holding many stores open meets it. Here the child closes every
/// descriptor above standard error itself (`addclosefrom_np`), so nothing lists them.
final class ChildProcess: @unchecked Sendable {
    let processIdentifier: pid_t
    private let lock = NSLock()
    private var exit: Int32?

    /// Starts the program at `path` with `arguments` and exactly `environment`; in a process group
    /// of its own if `ownGroup` (to stop it with whatever it starts: ``sendToGroup(_:)``).
    init(path: String, arguments: [String], environment: [String: String], input: Int32, output: Int32, error: Int32,
         ownGroup: Bool = false) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, input, STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, output, STDOUT_FILENO)
        posix_spawn_file_actions_adddup2(&actions, error, STDERR_FILENO)
        guard let closeFrom = Self.closeFrom else { throw Failure("this C library cannot close descriptors in a spawned child (glibc 2.34 or later can)") }
        _ = closeFrom(&actions, STDERR_FILENO + 1)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if ownGroup {
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        var pid = pid_t()
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard result == 0 else { throw Failure("cannot start \(path): \(String(cString: strerror(result)))") }
        processIdentifier = pid
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift's Glibc
    /// module does not declare.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    /// Whether it has not ended yet.
    var isRunning: Bool { reap(blocking: false) == nil }

    /// Waits for it to end.
    func waitUntilExit() { _ = reap(blocking: true) }

    /// Its exit status, or the number of the signal that ended it (as Foundation's `Process` says).
    var terminationStatus: Int32 { reap(blocking: true) ?? -1 }

    /// Sends `signal`, unless it has ended.
    /// Sends `signal` to its whole process group (it was started with `ownGroup`), if it still runs.
    func sendToGroup(_ signal: Int32) {
        lock.withLock { if exit == nil { _ = Glibc.kill(-processIdentifier, signal) } }
    }

    func send(_ signal: Int32) {
        lock.withLock { if exit == nil { _ = Glibc.kill(processIdentifier, signal) } }
    }

    /// How it ended, once it has; waits for that when `blocking`.
    private func reap(blocking: Bool) -> Int32? {
        lock.withLock {
            if let exit { return exit }
            var raw: Int32 = 0
            while true {
                let reaped = waitpid(processIdentifier, &raw, blocking ? 0 : WNOHANG)
                if reaped == processIdentifier { break }
                if reaped == -1 && errno == EINTR { continue }
                return nil
            }
            let signal = raw & 0x7F
            exit = signal == 0 ? (raw >> 8) & 0xFF : signal
            return exit
        }
    }

    deinit { if exit == nil { send(SIGKILL); waitUntilExit() } }
}

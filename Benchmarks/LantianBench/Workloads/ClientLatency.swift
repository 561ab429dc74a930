import Foundation

/// Workload 6: how long the field client takes to answer on a large store: the real `lantian`
/// process, start to exit, as the user waits for it.
enum ClientLatency {
    static func milliseconds(_ programs: Programs, _ arguments: [String]) throws -> Double {
        try ChildProcess.run(programs.lantian, arguments).seconds * 1_000
    }
}

import CLibUV
import Foundation
import GRDBSQLite

/// The machine and the library versions the figures were measured with.
enum Machine {
    static func describe() -> String {
        let memory = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("MemTotal:") }.map { String($0.dropFirst(9)).trimmingCharacters(in: .whitespaces) } ?? "?"
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }.flatMap { $0.split(separator: ":").last }
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? "?"
        return """
            Machine: \(ProcessInfo.processInfo.activeProcessorCount) cores (\(cpu)), \(memory) memory; \
            SQLite \(String(cString: sqlite3_libversion())), libuv \(String(cString: uv_version_string())); \
            \(ProcessInfo.processInfo.environment["LANTIAN_SWIFT_VERSION"] ?? "swift version: see `swift --version`").
            """
    }
}

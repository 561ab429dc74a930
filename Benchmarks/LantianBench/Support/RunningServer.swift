import Foundation

/// How the benchmarked programs talk: TLS, as always in the field, or plaintext on loopback, to
/// measure what TLS costs (`--insecure-plaintext-loopback`, and the client told so).
enum BenchChannel: String, CaseIterable {
    case tls, plaintext

    /// As figures name it.
    var name: String { self == .tls ? "TLS 1.3" : "plaintext" }

    /// What `lantiand serve` is given.
    var serverArguments: [String] { self == .plaintext ? ["--insecure-plaintext-loopback"] : [] }
    /// What `lantian` is run with.
    var clientEnvironment: [String: String] { self == .plaintext ? ["LANTIAN_INSECURE_PLAINTEXT_LOOPBACK": "1"] : [:] }
}

/// The real `lantiand serve`, on a loopback port it picks itself.
final class RunningServer {
    private let process: ChildProcess
    /// Where it listens, HOST:PORT.
    let address: String
    var pid: pid_t { process.pid }

    init(_ programs: Programs, database: String, channel: BenchChannel = .tls, extraArguments: [String] = []) throws {
        process = try ChildProcess(programs.lantiand, ["serve", "--db", database, "--listen", "127.0.0.1:0"] + channel.serverArguments + extraArguments)
        let deadline = ContinuousClock.now + .seconds(60)
        while true {
            let output = process.outputSoFar
            // `正在监听 HOST:PORT，纪元 …` or, in English, `listening on HOST:PORT epoch …`.
            if let line = output.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") || $0.hasPrefix("正在监听 ") }) {
                address = String(line.split(separator: " ")[line.hasPrefix("正在监听") ? 1 : 2].split(separator: "，")[0])
                return
            }
            guard ContinuousClock.now < deadline else {
                process.send(SIGKILL)
                throw BenchError.failed("lantiand did not start listening within a minute: \(output)")
            }
            usleep(20_000)
        }
    }

    /// `count` nodes serving the database at `url`: the first keeps its copy at `firstCopy` (the
    /// migrated server's file, with its keys), each other one a copy of its own next to it, with the
    /// same server and TLS keys, as an administrator sets nodes up.
    static func nodes(_ count: Int, database url: String, firstCopy: String, programs: Programs,
                      extraArguments: [String] = []) throws -> [RunningServer] {
        var nodes = [try RunningServer(programs, database: url, extraArguments: ["--node-copy", firstCopy] + extraArguments)]
        for number in stride(from: 2, through: count, by: 1) {
            let copy = firstCopy.replacingOccurrences(of: ".sqlite", with: "") + "-node-\(number).sqlite"
            for suffix in [".key", ".tls.key", ".tls.crt"] { try FileManager.default.copyItem(atPath: firstCopy + suffix, toPath: copy + suffix) }
            nodes.append(try RunningServer(programs, database: url, extraArguments: ["--node-copy", copy] + extraArguments))
        }
        return nodes
    }

    /// The server's resident memory now (`VmRSS`), in bytes.
    var residentBytes: Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }

    /// Stops the server as an operator would (SIGTERM) and waits for it to exit.
    func stop() throws -> ChildProcess.Outcome {
        process.send(SIGTERM)
        let outcome = process.wait()
        guard outcome.status == 0 else { throw BenchError.failed("lantiand exited \(outcome.status) on SIGTERM") }
        return outcome
    }
}

/// The release executables benchmarked, next to this one.
struct Programs {
    let lantiand: String
    let lantian: String
    let bench: String

    init() {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        lantiand = folder.appendingPathComponent("lantiand").path
        lantian = folder.appendingPathComponent("lantian").path
        bench = folder.appendingPathComponent("lantian-bench").path
    }
}

/// A fresh folder for one run's files, removed when the run is over.
struct Scratch {
    let folder: String

    init(_ name: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("lantian-bench-\(name)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder + "/" + name }

    func remove() { try? FileManager.default.removeItem(atPath: folder) }
}

import Foundation
import LantianTestSupport
import Testing

/// What a finished command printed and how it ended.
struct CommandResult {
    var status: Int32
    var output: String
    var errors: String
}

/// Runs a built executable to completion (killing it after `timeout` seconds), with no language
/// set in its environment unless `environment` sets one.
func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60) throws -> CommandResult {
    try run(path: try Binaries.path(executable), arguments, environment: environment, timeout: timeout)
}

/// Runs the program at `path`, with `input` on its standard input.
func run(path: String, _ arguments: [String], input: String? = nil, environment: [String: String] = [:],
         timeout: TimeInterval = 60) throws -> CommandResult {
    var inherited = ProcessInfo.processInfo.environment.filter { !["LANG", "LC_ALL", "LC_MESSAGES", "LANTIAN_DB"].contains($0.key) }
    inherited.merge(environment) { $1 }
    let output = Pipe()
    let errors = Pipe()
    let answers = Pipe()
    let process = try ChildProcess(path: path, arguments: arguments, environment: inherited,
                                   input: input == nil ? FileHandle.nullDevice.fileDescriptor : answers.fileHandleForReading.fileDescriptor,
                                   output: output.fileHandleForWriting.fileDescriptor, error: errors.fileHandleForWriting.fileDescriptor)
    // The child holds its own copies: without closing ours, reading would never see the end.
    try output.fileHandleForWriting.close()
    try errors.fileHandleForWriting.close()
    try answers.fileHandleForReading.close()
    if let input { answers.fileHandleForWriting.write(Data(input.utf8)) }
    try answers.fileHandleForWriting.close()
    let watchdog = DispatchWorkItem { [process] in process.send(SIGTERM) }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
    let printed = readToEnd(output.fileHandleForReading)
    let complained = readToEnd(errors.fileHandleForReading)
    process.waitUntilExit()
    watchdog.cancel()
    return CommandResult(status: process.terminationStatus, output: String(decoding: printed, as: UTF8.self),
                         errors: String(decoding: complained, as: UTF8.self))
}

/// Everything up to end of file, retrying reads a signal interrupts (Foundation's
/// `readDataToEndOfFile` traps on `EINTR`).
private func readToEnd(_ handle: FileHandle) -> Data {
    var data = Data()
    var buffer = [UInt8](repeating: 0, count: 64 << 10)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(handle.fileDescriptor, $0.baseAddress, $0.count) }
        if count > 0 { data.append(contentsOf: buffer[0..<count]) }
        else if count == 0 || errno != EINTR { return data }
    }
}

/// One field client: a user with a local store of their own.
///
/// It is set up to record at once (`lantian setup`), offline if need be, and enrols itself with
/// the server at its address before it first talks to it (`lantiand enroll`, then `lantian enroll
/// --no-sync`), as an officer's phone is enrolled at the township office: the tests that are about
/// enrolment itself call ``enrol(server:arguments:)``.
struct FieldDevice {
    let store: String
    let user: String
    let server: String
    /// The device's clock offset from the true time, in libfaketime's notation ("+1d"); `nil` for the true time.
    private(set) var clockOffset: String?

    init(user: String, server: String, folder: URL) throws {
        store = folder.appendingPathComponent("\(user).sqlite").path
        self.user = user
        self.server = server
        try expectSuccess(["setup", "--user", user, "--server", server])
        if let database = ServerProcess.store(at: server) {
            let result = try enrol(database: database)
            guard result.status == 0 else { throw Failure("enrolling \(user) failed: \(result.errors)") }
        }
    }

    /// The plaintext switch, for a device whose server listens in plaintext.
    var channelEnvironment: [String: String] { ServerProcess.isPlaintext(server) ? ["LANTIAN_INSECURE_PLAINTEXT_LOOPBACK": "1"] : [:] }

    var isEnrolled: Bool { FileManager.default.fileExists(atPath: store + ".key") }

    /// Enrols the device with the server whose store is `database`, with a code issued there.
    @discardableResult
    func enrol(database: String, arguments: [String] = ["--no-sync"]) throws -> CommandResult {
        try TestGrid.register(user, in: database)
        let issued = try TestGrid.lantiand(["enroll", user, "--db", database])
        let code = try #require(issued.split(separator: "\n").first?.split(separator: " ").last.map(String.init))
        return try run("lantian", ["enroll", "--server", server, "--code", code, "--db", store] + arguments, environment: channelEnvironment)
    }

    /// Enrols the device before a command that talks to the server, if the server at its address
    /// (or the one `--server` names) is a test server and the device is not enrolled yet.
    private func enrolIfNeeded(before arguments: [String]) throws {
        guard !isEnrolled, let command = arguments.first, ["sync", "status"].contains(command) else { return }
        let address = arguments.firstIndex(of: "--server").map { arguments[$0 + 1] } ?? server
        guard let database = ServerProcess.store(at: address) ?? ServerProcess.store(at: server) else { return }
        let result = try enrol(database: database)
        guard result.status == 0 else { throw Failure("enrolling \(user) failed: \(result.errors)") }
    }

    func lantian(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandResult {
        try enrolIfNeeded(before: arguments)
        let environment = channelEnvironment.merging(environment) { $1 }
        guard let clockOffset else { return try run("lantian", arguments + ["--db", store], environment: environment) }
        return try run(path: "/usr/bin/faketime", ["-f", clockOffset, try Binaries.path("lantian")] + arguments + ["--db", store],
                       environment: environment)
    }

    /// The same device with its clock set `offset` from the true time, with libfaketime ("+1d", "-1d").
    func withClock(_ offset: String) -> FieldDevice {
        var skewed = self
        skewed.clockOffset = offset
        return skewed
    }

    @discardableResult
    func expectSuccess(_ arguments: [String]) throws -> String {
        let result = try lantian(arguments)
        guard result.status == 0 else { throw Failure("lantian \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.errors)") }
        return result.output
    }

    func json<Value: Decodable>(_ type: Value.Type, _ arguments: [String]) throws -> Value {
        try JSONDecoder().decode(type, from: Data(try expectSuccess(arguments + ["--json"]).utf8))
    }

    func status() throws -> StatusJSON { try json(StatusJSON.self, ["status"]) }
    func firePoints() throws -> [FirePointJSON] { try json([FirePointJSON].self, ["fire", "list", "--all"]) }

    func reportFire(note: String, latitude: Double = 36.45, longitude: Double = 115.98) throws {
        try expectSuccess(["fire", "report", "--lat", "\(latitude)", "--lon", "\(longitude)", "--at", "2026-06-01 19:30", "--note", note])
    }
}

struct StatusJSON: Decodable {
    var device: String
    var pending: Int
    var attachmentsWaiting: Int
    var quarantined: Int
    var events: Int
    var reachable: Bool?
    var cursor: Int64
}

struct FirePointJSON: Decodable, Hashable {
    var id: String
    var note: String
    var reportedBy: String
    var observedAt: String
}

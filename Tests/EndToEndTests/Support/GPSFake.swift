import Foundation

/// A real gpsd fed an NMEA log by `gpsfake` (Debian `gpsd-clients`), listening on a free port on
/// loopback: what `--here` reads in the tests. The log's times are moved to now unless `asRecorded`.
final class GPSFake {
    static let log = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../Fixtures/gps/walk-in-cell.nmea").standardized

    let address: String
    private let process: ChildProcess

    init(folder: URL, asRecorded: Bool = false) throws {
        let text = try String(contentsOf: Self.log, encoding: .utf8)
        let played = folder.appendingPathComponent("gps-\(UUID().uuidString).nmea")
        try (asRecorded ? text : Self.movedToNow(text)).write(to: played, atomically: true, encoding: .utf8)
        // Below the kernel's ephemeral range (where freePort() finds the servers' ports), so that
        // gpsd never takes a port another test has just been given.
        guard let port = (0..<100).lazy.map({ _ in UInt16.random(in: 20_000...32_000) }).first(where: { !Self.accepts(port: $0) }) else {
            throw Failure("no free port for gpsd")
        }
        address = "127.0.0.1:\(port)"
        process = try ChildProcess(path: "/usr/bin/gpsfake", arguments: ["-q", "-P", "\(port)", "-c", "0.2", played.path],
                                   environment: ProcessInfo.processInfo.environment, input: FileHandle.nullDevice.fileDescriptor,
                                   output: FileHandle.nullDevice.fileDescriptor, error: FileHandle.nullDevice.fileDescriptor, ownGroup: true)
        guard waitUntil(seconds: 10, { Self.accepts(port: port) }) else { throw Failure("gpsfake did not start gpsd on \(port)") }
    }

    deinit { stop() }

    /// Stops gpsfake and the gpsd it started (gpsfake does not always end on SIGTERM).
    func stop() {
        process.sendToGroup(SIGKILL)
        process.waitUntilExit()
    }

    /// The log with its first fix at the current second (UTC) and the rest as far after it as before,
    /// each sentence's checksum made anew.
    static func movedToNow(_ text: String) -> String {
        let formatter = DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "HHmmss.SS ddMMyy"
        var offset: TimeInterval?
        var date = ""
        return text.split(whereSeparator: \.isNewline).map { line -> String in
            let sentence = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard sentence.hasPrefix("$"), let star = sentence.firstIndex(of: "*") else { return String(line) }
            var fields = sentence[sentence.index(after: sentence.startIndex)..<star].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            if fields[0] == "GPRMC" { date = fields[9] }
            if let recorded = formatter.date(from: fields[1] + " " + date) {
                let shift = offset ?? Date().timeIntervalSince(recorded).rounded()
                offset = shift
                let moved = formatter.string(from: recorded.addingTimeInterval(shift)).split(separator: " ")
                fields[1] = String(moved[0])
                if fields[0] == "GPRMC" { fields[9] = String(moved[1]) }
            }
            let body = fields.joined(separator: ",")
            let checksum = body.utf8.reduce(UInt8(0), ^)
            return "$" + body + "*" + String(format: "%02X", checksum)
        }.joined(separator: "\r\n") + "\r\n"
    }

    private static func accepts(port: UInt16) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}

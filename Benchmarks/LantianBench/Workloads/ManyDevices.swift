import Foundation
import LantianDomain
import LantianPostgres
import LantianStore

/// Workload 4, a county's evening sync: `devices` grid officers' phones (ten in each cell), each
/// with `eventsEach` events recorded since its last sync, connect at once to the real `lantiand
/// serve` — all held by one load generator process (`lantian-bench load`: one libuv loop, the real
/// client sessions and stores) — push, then in a second round pull what the others in their cell recorded.
enum ManyDevices {
    struct Outcome {
        var serverPeakResidentBytes: Int
        var load: LoadReport
    }

    /// - Parameters:
    ///   - idle: devices more (workload 11), each a grid officer's second phone in turn, that
    ///     connect and subscribe before the evening and stay idle through it (``IdleDevice``).
    ///   - postgres: serve from a database there, the server's store moved into it (workload 14; no idle devices)…
    ///   - nodes: …by this many nodes, the phones taking them in turn.
    static func run(devices: Int, eventsEach: Int, idle: Int = 0, programs: Programs, scratch: Scratch, postgres: BenchPostgres? = nil,
                    nodes: Int = 1) throws -> Outcome {
        let serverPath = scratch.path("server.sqlite")
        let folder = scratch.path("devices")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var enrolled: [UUID] = []
        do {
            let (server, identity) = try BenchGrid.makeServer(at: serverPath)
            for (index, user) in BenchGrid.users.filter({ $0.role == .gridOfficer }).prefix(devices).enumerated() {
                let (_, device) = try BenchGrid.enrolClient(at: "\(folder)/device-\(String(format: "%04d", index)).sqlite", as: user.name,
                                                            server: server, identity: identity, address: "127.0.0.1:1")
                enrolled.append(device.id)
            }
        }
        // The load generator is a thousand phones on one core: a phone's answer to a ping waits
        // behind the others' pages. The server gives each the two minutes the generator gives the server.
        let patience = ["--idle-timeout", "120"]
        let database = try postgres?.moveIntoNewDatabase(serverStore: serverPath)
        var servers = try database.map { try RunningServer.nodes(nodes, database: $0, firstCopy: serverPath, programs: programs, extraArguments: patience) }
            ?? [RunningServer(programs, database: serverPath, extraArguments: patience)]
        func generator() -> [String] {
            ["load", "--stores", folder, "--events", "\(eventsEach)", "--server-pid", "\(servers[0].pid)", "--server-certificate", serverPath + ".tls.crt"]
                + servers.flatMap { ["--server", $0.address] }
        }
        if idle > 0 {
            guard postgres == nil else { throw BenchError.failed("idle devices on PostgreSQL are not measured") }
            // The pushing phones sync at the office before the idle ones are enrolled, so that they
            // need not pull those enrolments; the server is restarted for the evening, so that
            // subscribers are not told of enrolments made behind its back.
            _ = try ChildProcess.run(programs.bench, generator() + ["--phase", "office"])
            _ = try servers[0].stop()
            let store = try EventStore(path: serverPath)
            let identity = try ServerIdentity.of(store)
            let officers = BenchGrid.users.filter { $0.role == .gridOfficer }
            let credentials = try (0..<idle).map { index in
                let key = DeviceKey(), device = UUID(), officer = officers[index % officers.count]
                try BenchGrid.enrol(device, key: key, as: officer.name, at: store, identity: identity)
                return IdleDevice.Credentials(device: device, actor: officer.name, privateKey: key.rawRepresentation)
            }
            try JSONEncoder().encode(credentials).write(to: URL(fileURLWithPath: scratch.path("idle.json")))
            servers = [try RunningServer(programs, database: serverPath, extraArguments: patience)]
        }
        let load = try ChildProcess.run(programs.bench, generator() + (idle > 0 ? ["--phase", "evening", "--idle", scratch.path("idle.json")] : []))
        let serverOutcome = try servers.map { try $0.stop() }[0]
        let report = try JSONDecoder().decode(LoadReport.self, from: Data(load.output.utf8))

        // Every event stored, and each once: the server holds each device's sequence 1…eventsEach and
        // no more (on a database, the first node's copy brought up to date with what others committed).
        let store = try EventStore(path: serverPath, keeping: .server, sharing: try database.map { try PostgresSharedRecord($0) })
        for device in enrolled {
            let held = try store.events(of: device, after: 0, limit: eventsEach + 1)
            guard held.map(\.cseq) == Array(1...Int64(eventsEach)) else {
                throw BenchError.failed("many devices: the server holds \(held.count) events of a device, not \(eventsEach)")
            }
        }
        guard idle > 0 || report.devicesHoldingTheirCell == devices else {
            throw BenchError.failed("many devices: only \(report.devicesHoldingTheirCell) of \(devices) devices pulled all of their cell's events")
        }
        return Outcome(serverPeakResidentBytes: serverOutcome.peakResidentBytes, load: report)
    }
}

/// What the load generator measured.
struct LoadReport: Codable {
    var devices: Int
    /// Milliseconds from handing each push to the connection to its acknowledgement, sorted.
    var pushAckMilliseconds: [Double]
    /// Seconds from the first connection to the last session's end: the round in which every
    /// device pushes, and the one in which every device pulls its cell.
    var pushRoundSeconds: Double
    var pullRoundSeconds: Double
    /// CPU time ÷ the push round's wall time, in per cent: the server's, and the load generator's.
    var serverBusyDuringPushes: Double?
    var generatorBusyDuringPushes: Double
    /// Devices connected and subscribed but idle all evening (workload 11), and how many of them
    /// heard of new events after subscribing (those in a cell where someone pushed).
    var idleDevices: Int
    var idleDevicesNotified: Int
    /// The server's open descriptors halfway through the push round (every idle device connected).
    var serverDescriptors: Int?
    /// Devices whose store holds every fire point recorded in their cell after the rounds.
    var devicesHoldingTheirCell: Int

    func percentile(_ fraction: Double) -> Double {
        pushAckMilliseconds.isEmpty ? .nan : pushAckMilliseconds[min(pushAckMilliseconds.count - 1, Int(Double(pushAckMilliseconds.count) * fraction))]
    }
}

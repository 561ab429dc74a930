import ArgumentParser
import Foundation
import LantianDomain
import LantianSessions
import LantianStore
import LantianSync
import LantianTransport

/// `lantian-bench load`: many devices' real client sessions over one libuv loop in one process,
/// all connecting at once. First every device syncs as at the township office (the grid and the
/// directory; not measured) and records `events` in its cell; then the evening: a round in which
/// every device pushes (`lantian sync --push-only`), timed with each push's acknowledgement, and a
/// round in which every device syncs, pulling its cell. Prints a ``LoadReport`` as JSON.
///
/// Pushes and pulls are separate rounds because this one process plays a thousand phones on one
/// core: storing and checking pulled pages for the devices done pushing kept it busy while other
/// devices' acknowledgements waited in their sockets unread, so the push latency measured the
/// generator (perf: the generator 52% of the machine's samples, `lantiand` 6%), not the server.
struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load generator for the many-devices workload (run by `lantian-bench run`).")

    @Option(help: "The server, HOST:PORT; given again for each node of a shared database, the devices take them in turn.") var server: [String]
    @Option(help: "A folder of enrolled device stores (*.sqlite, each with its .key).") var stores: String
    @Option(help: "Events each device records (fires and their issues).") var events = 100
    @Option(help: "Devices in each cell (to check that each pulled its cell's fire points).") var devicesPerCell = BenchGrid.officersPerCell
    @Option(help: "A JSON file of enrolled devices that connect, subscribe and stay idle through the evening (workload 11).") var idle: String?
    @Option(help: "The server's process id, to count its open descriptors while every device is connected.") var serverPid: Int32?
    @Option(help: "office: only sync at the office and record; evening: only the evening (the office done before); both.") var phase = Phase.both
    @Option(help: "The server's TLS certificate, whose key every device pins; without it, plaintext (a server with --insecure-plaintext-loopback).")
    var serverCertificate: String?

    enum Phase: String, ExpressibleByArgument {
        case office, evening, both
    }

    func run() throws {
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        limit.rlim_cur = limit.rlim_max
        setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)

        let endpoints = try server.map { try Endpoint(parsing: $0) }
        // One TLS context for every simulated phone, pinning the server's key as each phone would.
        let security: ChannelSecurity = try serverCertificate.map {
            .tls(try TLSContext(trusting: .pinned([try KeyFingerprint(certificateAt: $0)])))
        } ?? .plaintext
        let paths = try FileManager.default.contentsOfDirectory(atPath: stores).filter { $0.hasSuffix(".sqlite") }.sorted()
            .map { stores + "/" + $0 }
        // The simulated phones keep only the read models sync needs (users, device keys: a server's
        // set), not their views: each real phone keeps those on its own CPU, while here a thousand
        // share one core, which would otherwise be measured instead of the server.
        let devices = try paths.map { (store: try EventStore(path: $0, keeping: .server), key: try KeyFile.read(KeyFile.path(forStore: $0))) }
        var latencies: [Double] = []
        var descriptors: Int?
        /// Syncs `group` at once on `loop` (beside whatever else it holds open); returns the seconds
        /// until the last of these sessions ended.
        func round(_ group: ArraySlice<(store: EventStore, key: DeviceKey)>, purpose: ClientSession.Purpose = .sync,
                   on loop: EventLoop? = nil) throws -> Double {
            let loop = try loop ?? EventLoop()
            var failures: [String] = []
            var drivers: [SessionDriver] = []
            var ended = 0
            let start = ContinuousClock.now
            for (index, device) in zip(group.indices, group) {
                let driver = try SessionDriver(loop: loop, session: ClientSession(store: device.store, key: device.key, purpose: purpose))
                var pushedAt: ContinuousClock.Instant?
                driver.onSent = { if case .push = $0 { pushedAt = .now } }
                driver.onReceived = { message in
                    guard case .pushAck = message, let sent = pushedAt else { return }
                    latencies.append((ContinuousClock.now - sent).seconds * 1_000)
                    pushedAt = nil
                    // Halfway through the evening's pushes, with every device still connected.
                    if latencies.count == group.count / 2, let serverPid {
                        descriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(serverPid)/fd").count) ?? 0
                    }
                }
                driver.onEnd = {
                    if case .failure(let error) = $0 { failures.append("\(error)") }
                    ended += 1
                    if ended == group.count { loop.stop() }
                }
                driver.start(loop: loop, server: endpoints[index % endpoints.count], security: security, connectTimeout: 60_000, idleTimeout: 120_000)
                drivers.append(driver)
            }
            loop.run()
            guard failures.isEmpty else { throw BenchError.failed("\(failures.count) sessions failed, first: \(failures[0])") }
            return (ContinuousClock.now - start).seconds
        }

        // At the office, a hundred at a time (devices are enrolled over days, not at once).
        if phase != .evening {
            for start in stride(from: 0, to: devices.count, by: 100) { _ = try round(devices[start..<min(start + 100, devices.count)]) }
            for (index, device) in devices.enumerated() {
                guard let local = try device.store.localDevice(), let user = BenchGrid.users.first(where: { $0.name == local.actor }) else {
                    throw BenchError.failed("device \(index) has no user after syncing")
                }
                let drafts = try (0..<(events / 2)).flatMap { try FieldWork.fire(index * 1_000 + $0, in: user.scope) }
                _ = try device.store.record(drafts, device: local, now: .now())
            }
            if phase == .office { return }
        }

        // The idle devices connect in waves of 500 (phones do not all connect in one millisecond)
        // and stay connected through the evening.
        let evening = try EventLoop()
        var idleDevices: [IdleDevice] = []
        if let idle {
            let credentials = try JSONDecoder().decode([IdleDevice.Credentials].self, from: Data(contentsOf: URL(fileURLWithPath: idle)))
            var failures: [String] = []
            for wave in stride(from: 0, to: credentials.count, by: 500) {
                var waiting = min(500, credentials.count - wave)
                for credential in credentials[wave..<wave + waiting] {
                    let device = try IdleDevice(credential)
                    device.onSubscribed = { waiting -= 1; if waiting == 0 { evening.stop() } }
                    device.onFailure = { failures.append($0); evening.stop() }
                    device.connect(loop: evening, server: endpoints[0], security: security)
                    idleDevices.append(device)
                }
                evening.run()
                guard failures.isEmpty else { throw BenchError.failed("\(failures.count) idle devices failed, first: \(failures[0])") }
            }
        }
        latencies = []
        // Who was working during the push round: the server's and this process's CPU time.
        let before = (server: serverPid.map(Self.cpuSeconds(of:)), generator: Self.ownCPUSeconds())
        let pushRound = try round(devices[...], purpose: .push, on: evening)
        let serverBusy = before.server.flatMap { start in serverPid.map { (Self.cpuSeconds(of: $0) - start) / pushRound * 100 } }
        let generatorBusy = (Self.ownCPUSeconds() - before.generator) / pushRound * 100
        // Beside idle devices the evening is only the pushes: each pushing phone would otherwise pull
        // the idle ones' enrolments, which this one process would check for a thousand phones.
        let pullRound = idleDevices.isEmpty ? try round(devices[...], on: evening) : 0
        let notified = idleDevices.filter { $0.notifications > 1 }.count
        for device in idleDevices { device.close() }
        let complete = try devices.filter { try $0.store.count(of: FirePointReport.eventType) == devicesPerCell * events / 2 }.count
        let report = LoadReport(devices: devices.count, pushAckMilliseconds: latencies.sorted(), pushRoundSeconds: pushRound, pullRoundSeconds: pullRound,
                                serverBusyDuringPushes: serverBusy, generatorBusyDuringPushes: generatorBusy,
                                idleDevices: idleDevices.count, idleDevicesNotified: notified, serverDescriptors: descriptors,
                                devicesHoldingTheirCell: complete)
        print(String(decoding: try JSONEncoder().encode(report), as: UTF8.self))
    }

    /// A process's user and system CPU time so far (`/proc/PID/stat`, fields 14 and 15).
    static func cpuSeconds(of pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let afterName = stat.range(of: ") ", options: .backwards) else { return 0 }
        let fields = stat[afterName.upperBound...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    static func ownCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}

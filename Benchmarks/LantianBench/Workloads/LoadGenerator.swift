import ArgumentParser
import Foundation
import LantianDomain
import LantianSessions
import LantianStore
import LantianSync
import LantianTransport

/// `lantian-bench load`: many devices' real client sessions over one libuv loop in one process,
/// all connecting at once. First every device syncs as at the township office (the grid and the
/// directory; not measured) and records `events` in its cell; then the evening: a round that
/// pushes and pulls, timed with each push's acknowledgement, and a round that pulls what devices
/// that finished earlier missed. Prints a ``LoadReport`` as JSON.
struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load generator for the many-devices workload (run by `lantian-bench run`).")

    @Option(help: "The server, HOST:PORT.") var server: String
    @Option(help: "A folder of enrolled device stores (*.sqlite, each with its .key).") var stores: String
    @Option(help: "Events each device records (fires and their issues).") var events = 100
    @Option(help: "Devices in each cell (to check that each pulled its cell's fire points).") var devicesPerCell = BenchGrid.officersPerCell

    func run() throws {
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        limit.rlim_cur = limit.rlim_max
        setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)

        let endpoint = try Endpoint(parsing: server)
        let paths = try FileManager.default.contentsOfDirectory(atPath: stores).filter { $0.hasSuffix(".sqlite") }.sorted()
            .map { stores + "/" + $0 }
        // The simulated phones keep only the read models sync needs (users, device keys: a server's
        // set), not their views: each real phone keeps those on its own CPU, while here a thousand
        // share one core, which would otherwise be measured instead of the server.
        let devices = try paths.map { (store: try EventStore(path: $0, keeping: .server), key: try KeyFile.read(KeyFile.path(forStore: $0))) }
        var latencies: [Double] = []
        /// Syncs `group` at once; returns the seconds until the last session ended.
        func round(_ group: ArraySlice<(store: EventStore, key: DeviceKey)>) throws -> Double {
            let loop = try EventLoop()
            var failures: [String] = []
            var drivers: [SessionDriver] = []
            let start = ContinuousClock.now
            for device in group {
                let driver = try SessionDriver(loop: loop, session: ClientSession(store: device.store, key: device.key, purpose: .sync))
                var pushedAt: ContinuousClock.Instant?
                driver.onSent = { if case .push = $0 { pushedAt = .now } }
                driver.onReceived = { message in
                    guard case .pushAck = message, let sent = pushedAt else { return }
                    latencies.append((ContinuousClock.now - sent).seconds * 1_000)
                    pushedAt = nil
                }
                driver.onEnd = { if case .failure(let error) = $0 { failures.append("\(error)") } }
                driver.start(loop: loop, server: endpoint, connectTimeout: 60_000, idleTimeout: 120_000)
                drivers.append(driver)
            }
            loop.run()
            guard failures.isEmpty else { throw BenchError.failed("\(failures.count) sessions failed, first: \(failures[0])") }
            return (ContinuousClock.now - start).seconds
        }

        // At the office, a hundred at a time (devices are enrolled over days, not at once).
        for start in stride(from: 0, to: devices.count, by: 100) { _ = try round(devices[start..<min(start + 100, devices.count)]) }
        for (index, device) in devices.enumerated() {
            guard let local = try device.store.localDevice(), let user = BenchGrid.users.first(where: { $0.name == local.actor }) else {
                throw BenchError.failed("device \(index) has no user after syncing")
            }
            let drafts = try (0..<(events / 2)).flatMap { try FieldWork.fire(index * 1_000 + $0, in: user.scope) }
            _ = try device.store.record(drafts, device: local, now: .now())
        }
        latencies = []
        let rounds = [try round(devices[...]), try round(devices[...])]
        let complete = try devices.filter { try $0.store.allEvents().filter { $0.type == FirePointReport.eventType }.count == devicesPerCell * events / 2 }.count
        let report = LoadReport(devices: devices.count, pushAckMilliseconds: latencies.sorted(), roundSeconds: rounds,
                                devicesHoldingTheirCell: complete)
        print(String(decoding: try JSONEncoder().encode(report), as: UTF8.self))
    }
}

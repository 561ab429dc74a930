import Foundation
import LantianDomain
import LantianStore

/// A county's harvest season of work, to fill a server for the pull, rebuild and latency
/// workloads: one grid officer per cell reports fires and the issues they open, township staff
/// rectify every issue, and the county supervisor closes out all but one in fifty. Every batch
/// goes through the server's own acceptance (`EventStore.accept`: chain, signature, validation,
/// authorisation, placement), as pushed.
enum Season {
    /// Fills a new server store at `path` with at least `count` field events; returns how many.
    static func makeServer(at path: String, events count: Int) throws -> Int {
        let (store, identity) = try BenchGrid.makeServer(at: path)
        let grid = try store.grid()
        var officers = BenchGrid.cells.map { SimulatedDevice(user: BenchGrid.officer(1, of: $0)) }
        var staff = BenchGrid.townships.map { SimulatedDevice(user: BenchGrid.staff(of: $0)) }
        var supervisor = SimulatedDevice(user: BenchGrid.supervisor)
        for device in officers + staff + [supervisor] { try device.enrol(at: store, identity: identity) }

        var stored = 0
        func accept(_ drafts: [EventDraft], from device: inout SimulatedDevice) throws {
            for push in try device.pushes(drafts, now: .now()) {
                let outcome = try store.accept(push, from: device.id, checking: device.check(in: grid), receivedAt: .now())
                guard outcome.rejected.isEmpty else { throw BenchError.failed("season: the server refused \(outcome.rejected[0])") }
                stored += push.events.count
            }
        }
        var fire = 0
        // About six events a fire: small seasons take fewer fires a round, so that sizes stay near `count`.
        let firesPerOfficer = max(1, min(50, count / (officers.count * 6)))
        while stored < count {
            var issues: [[UUID]] = Array(repeating: [], count: staff.count)
            for index in officers.indices {
                var drafts: [EventDraft] = []
                for _ in 0..<firesPerOfficer {
                    let records = try FieldWork.fire(fire, in: officers[index].user.scope)
                    fire += 1
                    drafts += records
                    issues[index / BenchGrid.cellsPerTownship].append(records[1].subject)
                }
                try accept(drafts, from: &officers[index])
            }
            for index in staff.indices {
                try accept(try issues[index].flatMap { try FieldWork.rectification(of: $0, by: staff[index].user.name) }, from: &staff[index])
            }
            let closed = issues.joined().enumerated().filter { $0.offset % 50 != 0 }.map(\.element)
            try accept(try closed.map(FieldWork.closeOut), from: &supervisor)
        }
        return stored
    }
}

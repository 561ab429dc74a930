import Foundation
import LantianDomain
import LantianStore

/// A county's history of work, to fill a server for the pull, rebuild, latency and read-growth
/// workloads: one grid officer per cell reports fires and the issues they open, township staff
/// rectify every issue a day later, and the county supervisor closes out all but one in fifty a
/// few days after. Every batch goes through the server's own acceptance (`EventStore.accept`:
/// chain, signature, validation, authorisation, placement), as pushed.
///
/// The history runs at a busy county's pace, ``eventsPerMonth``, and ends about now: a larger
/// store holds more months, not fuller ones, as a real county's does, so a month's review reads
/// the same amount of work at every size.
enum Season {
    /// A busy county at harvest: about 5,000 fires a month with their issues.
    static let eventsPerMonth = 30_000
    static let day: Int64 = 86_400_000

    /// Fills a new server store at `path` with at least `count` field events; returns how many.
    static func makeServer(at path: String, events count: Int) throws -> Int {
        let officerCount = BenchGrid.cells.count
        // About six events a fire: small seasons take fewer fires a round, so that sizes stay near `count`.
        let firesPerOfficer = max(1, min(50, count / (officerCount * 6)))
        let fires = firesPerOfficer * officerCount
        let eventsPerRound = fires * 5 + fires - (fires + 49) / 50, rounds = (count + eventsPerRound - 1) / eventsPerRound
        // A round's work spread over the time it takes at the county's pace: each officer's fires
        // a little later than the last's; staff a day after their township's last officer.
        let round = Int64(eventsPerRound) * 30 * day / Int64(eventsPerMonth)
        var now = Timestamp.now().adding(milliseconds: -3 * day - Int64(rounds) * round)
        let (store, identity) = try BenchGrid.makeServer(at: path, now: now.adding(milliseconds: -day))
        let grid = try store.grid()
        var officers = BenchGrid.cells.map { SimulatedDevice(user: BenchGrid.officer(1, of: $0)) }
        var staff = BenchGrid.townships.map { SimulatedDevice(user: BenchGrid.staff(of: $0)) }
        var supervisor = SimulatedDevice(user: BenchGrid.supervisor)
        for device in officers + staff + [supervisor] { try device.enrol(at: store, identity: identity, now: now.adding(milliseconds: -day)) }

        var stored = 0
        func accept(_ drafts: [EventDraft], from device: inout SimulatedDevice, after delay: Int64 = 0) throws {
            let at = now.adding(milliseconds: delay)
            for push in try device.pushes(drafts, now: at) {
                let outcome = try store.accept(push, from: device.id, checking: device.check(in: grid), receivedAt: at)
                guard outcome.rejected.isEmpty else { throw BenchError.failed("season: the server refused \(outcome.rejected[0])") }
                stored += push.events.count
            }
        }
        var fire = 0
        func officerTime(_ index: Int) -> Int64 { round * Int64(index) / Int64(officerCount) }
        for _ in 0..<rounds {
            var issues: [[UUID]] = Array(repeating: [], count: staff.count)
            for index in officers.indices {
                var drafts: [EventDraft] = []
                for _ in 0..<firesPerOfficer {
                    let records = try FieldWork.fire(fire, in: officers[index].user.scope, now: now.adding(milliseconds: officerTime(index)))
                    fire += 1
                    drafts += records
                    issues[index / BenchGrid.cellsPerTownship].append(records[1].subject)
                }
                try accept(drafts, from: &officers[index], after: officerTime(index))
            }
            for index in staff.indices {
                let after = officerTime((index + 1) * BenchGrid.cellsPerTownship - 1) + day
                try accept(try issues[index].flatMap { try FieldWork.rectification(of: $0, by: staff[index].user.name, now: now.adding(milliseconds: after)) },
                           from: &staff[index], after: after)
            }
            let closed = issues.joined().enumerated().filter { $0.offset % 50 != 0 }.map(\.element)
            try accept(try closed.map(FieldWork.closeOut), from: &supervisor, after: round + 3 * day)
            now = now.adding(milliseconds: round)
        }
        return stored
    }
}

import Foundation
import LantianDomain
import LantianStore

/// Workload 9: how the field client's answers grow with the history. The same commands, the real
/// `lantian` process start to exit, on a supervisor's phone that pulled a season of 10k, 100k and
/// 1M events; and the read models rebuilt from scratch (`lantian rebuild`).
enum ReadGrowth {
    /// The commands timed, by what they show; reviews and the notice are of the month the season
    /// ends in (the seasons run at the same pace at every size, ``Season/eventsPerMonth``).
    static func commands(client: String, township: String, issue: String, month: String) -> [(name: String, arguments: [String])] {
        [
            ("--help (the process alone, no store)", ["--help"]),
            ("issue list (open)", ["issue", "list", "--db", client]),
            ("issue list --all --node township", ["issue", "list", "--all", "--node", township, "--db", client]),
            ("issue show", ["issue", "show", issue, "--db", client]),
            ("status --offline", ["status", "--offline", "--db", client]),
            ("review issues", ["review", "issues", "--month", month, "--db", client]),
            ("review fires", ["review", "fires", "--month", month, "--db", client]),
            ("fire list", ["fire", "list", "--db", client]),
            ("notice", ["notice", "--county", BenchGrid.county, "--month", month, "--db", client]),
        ]
    }

    struct Outcome {
        var events: Int
        /// Median milliseconds per command, in ``commands`` order.
        var milliseconds: [Double]
        var pullEventsPerSecond: Double
        var upkeep: ReadModelUpkeep.Outcome
        var rebuildEventsPerSecond: Double
        var bytesPerEvent: Double
        var readModelBytesPerEvent: Double?
    }

    static func run(events count: Int, samples: Int, programs: Programs, scratch: Scratch) throws -> Outcome {
        let serverPath = scratch.path("server-\(count).sqlite"), client = scratch.path("supervisor-\(count).sqlite")
        _ = try Season.makeServer(at: serverPath, events: count)
        let pull = try PullWorkload.run(serverPath: serverPath, into: client, programs: programs)
        let upkeep = try ReadModelUpkeep.run(serverPath: serverPath, scratch: scratch, label: "\(count)")
        let store = try EventStore(path: client)
        let events = try store.count()
        guard let issue = try store.tickets(TicketFilter(includeClosed: true), now: .now()).last?.id else {
            throw BenchError.failed("read growth: the season made no issue")
        }
        let month = ReviewMonth(containing: Timestamp.now().adding(milliseconds: -3 * Season.day)).description
        let timed = commands(client: client, township: BenchGrid.townships[0], issue: issue.uuidString, month: month)
        var medians: [Double] = []
        for command in timed {
            var figure = Figure(command.name, unit: "ms")
            for _ in 0..<samples {
                let run = try ChildProcess.run(programs.lantian, command.arguments)
                guard run.status == 0 else { throw BenchError.failed("lantian \(command.arguments.joined(separator: " ")): \(run.errors)") }
                figure.samples.append(run.seconds * 1_000)
            }
            medians.append(figure.median)
        }
        let rebuild = try ChildProcess.run(programs.lantian, ["rebuild", "--db", client])
        let fileBytes = (try FileManager.default.attributesOfItem(atPath: client)[.size] as? Int) ?? 0
        let modelBytes = try? store.readModelBytes()
        return Outcome(events: events, milliseconds: medians, pullEventsPerSecond: pull.eventsPerSecond, upkeep: upkeep,
                       rebuildEventsPerSecond: Double(events) / rebuild.seconds, bytesPerEvent: Double(fileBytes) / Double(max(events, 1)),
                       readModelBytesPerEvent: modelBytes.map { Double($0) / Double(max(events, 1)) })
    }
}

import ArgumentParser
import Foundation

/// `lantian-bench upkeep`: what keeping the read models costs when storing a server's events as
/// pulled pages (workload 9's measure), on a store made by `season`, to profile by hand.
struct MeasureUpkeep: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "upkeep", abstract: "Times storing pulled pages with and without read models.")

    @Option(help: "A server store (made by season).") var server: String

    func run() throws {
        let scratch = try Scratch("upkeep")
        defer { scratch.remove() }
        let outcome = try ReadModelUpkeep.run(serverPath: server, scratch: scratch, label: "by-hand")
        print(String(format: "kept %.0f events/s (%.0f%% on a CPU), not kept %.0f events/s (%.0f%%): %.2f×", outcome.kept, outcome.keptBusy * 100,
                     outcome.notKept, outcome.notKeptBusy * 100, outcome.kept / outcome.notKept))
    }
}

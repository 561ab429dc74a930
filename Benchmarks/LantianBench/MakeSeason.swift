import ArgumentParser
import Foundation

/// `lantian-bench season`: a server store filled with a season of at least N events, kept, to
/// profile a view or a rebuild by hand (the server keeps the same read models as a device).
struct MakeSeason: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "season", abstract: "Makes a server store holding a season of field work.")

    @Option(help: "How many events at least.") var events = 100_000
    @Option(help: "The store to make (it must not exist).") var output: String

    func run() throws {
        guard !FileManager.default.fileExists(atPath: output) else { throw ValidationError("\(output) exists") }
        let count = try Season.makeServer(at: output, events: events)
        print("\(output): \(count) events")
    }
}

/// `lantian-bench upkeep`: what keeping the read models costs when storing a server's events as
/// pulled pages (workload 9's measure), on a store made by `season`, to profile by hand.
struct MeasureUpkeep: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "upkeep", abstract: "Times storing pulled pages with and without read models.")

    @Option(help: "A server store (made by season).") var server: String

    func run() throws {
        let scratch = try Scratch("upkeep")
        defer { scratch.remove() }
        let outcome = try ReadModelUpkeep.run(serverPath: server, scratch: scratch, label: "by-hand")
        print(String(format: "kept %.0f events/s, not kept %.0f events/s: %.2f×", outcome.kept, outcome.notKept, outcome.kept / outcome.notKept))
    }
}

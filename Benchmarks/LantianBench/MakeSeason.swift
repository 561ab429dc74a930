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

import ArgumentParser
import Foundation

/// `lantian-bench pull`: a county supervisor's phone that pulled everything a server store holds
/// (workload 9's client), kept, to time and profile the field client's commands by hand.
struct MakeSupervisorPhone: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pull", abstract: "Pulls a server store into a new supervisor's phone.")

    @Option(help: "A server store (made by season).") var server: String
    @Option(help: "Where to write the phone's store (must not exist).") var output: String

    func run() throws {
        let outcome = try PullWorkload.run(serverPath: server, into: output, programs: Programs())
        print(String(format: "pulled %d events at %.0f events/s into %@", outcome.pulled, outcome.eventsPerSecond, output))
    }
}

import ArgumentParser
import Foundation

/// `lantian-bench`: Lantian's benchmarks (release builds only; `script/bench` builds and runs them).
@main
struct LantianBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lantian-bench",
        abstract: "Runs Lantian's benchmarks and prints a results table (Markdown).",
        subcommands: [Run.self, Load.self, MakeSeason.self, MakeSupervisorPhone.self, MeasureUpkeep.self], defaultSubcommand: Run.self)
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Runs every workload and prints the results.")

    @Option(help: "Runs of each workload (the median is reported).") var runs = 3
    @Flag(help: "A tenth of the sizes, to try the benchmarks out; not for the record.") var quick = false
    @Option(help: "Python with kinto and kinto-http (Benchmarks/Peer/setup.sh); without it the peer is skipped.") var peerPython: String?
    @Option(help: "Benchmarks/Peer/kinto_bench.py.") var peerScript = "Benchmarks/Peer/kinto_bench.py"
    @Option(help: "Also write the results to this file.") var output: String?
    @Option(help: "Only these workloads, by number (comma-separated; 1 and 2 run together, as 3, 5 and 6 do, and 3 with 1).") var only: String?

    func run() throws {
        let suite = Suite(runs: runs, scale: quick ? 10 : 1, peer: peerPython.map { (python: $0, script: peerScript) },
                          only: only.map { Set($0.split(separator: ",").compactMap { Int($0) }) })
        let results = try suite.run()
        let text = Machine.describe() + "\n\n" + results.markdown + "\n"
        print("\n" + text)
        if let output { try text.write(toFile: output, atomically: true, encoding: .utf8) }
    }
}

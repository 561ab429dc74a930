import Foundation

/// Workload 7, the peer: Kinto (Mozilla's offline-first sync server, PyPI) pushing and pulling
/// `records` records of the same size through its batch endpoint and `_since` paging, with its
/// memory and PostgreSQL backends, by `Benchmarks/Peer/kinto_bench.py` (see its README).
enum Peer {
    struct Outcome: Decodable {
        var kinto: String
        var backend: String
        var records: Int
        var push: [Double]
        var pull: [Double]
    }

    static func run(python: String, script: String, backend: String, records: Int, recordBytes: Int, runs: Int) throws -> Outcome {
        let outcome = try ChildProcess.run(python, [script, "--backend", backend, "--records", "\(records)",
                                                    "--record-bytes", "\(recordBytes)", "--runs", "\(runs)"])
        guard let line = outcome.output.split(separator: "\n").last(where: { $0.hasPrefix("{") }) else {
            throw BenchError.failed("kinto_bench.py printed no result: \(outcome.output.suffix(300))")
        }
        return try JSONDecoder().decode(Outcome.self, from: Data(line.utf8))
    }
}

import Foundation

/// What `lantian sync --json` reports.
struct SyncOutput: Decodable {
    var pushed: Int
    var pulled: Int

    init(_ output: String) throws {
        guard let start = output.firstIndex(of: "{") else { throw BenchError.failed("lantian sync printed no JSON: \(output.prefix(300))") }
        self = try JSONDecoder().decode(SyncOutput.self, from: Data(output[start...].utf8))
    }
}

import Foundation
import LantianDomain
import LantianStore

/// Workload 10: a week offline in the field, synced over a rural mobile link. A grid officer's
/// phone, enrolled and synced at the office, records 1,000 fires and their issues (2,000 events),
/// 20 of the fire points with a photo, then `lantian sync` reaches the real `lantiand` through a
/// ``ShapedLink`` (2 Mbit/s, 150 ms round trip, 1% of segments lost): timed from the start of the
/// command to its end, with the bytes each way.
enum RuralLinkWorkload {
    static let fires = 1_000, photos = 20, photoBytes = 250_000

    struct Outcome {
        var seconds: Double
        var events: Int
        var bytesUp: Int
        var bytesDown: Int
    }

    static func run(programs: Programs, scratch: Scratch) throws -> Outcome {
        let (officer, client, device, clientPath, running) = try BenchGrid.officerSyncedAtTheOffice(programs: programs, scratch: scratch)
        var random = SystemRandomNumberGenerator()
        for number in 0..<fires {
            var evidence: [Evidence] = []
            if number % (fires / photos) == 0 {
                // A photo's bytes do not compress, as a JPEG's do not.
                let photo = Data((0..<photoBytes).map { _ in UInt8.random(in: 0...255, using: &random) })
                evidence = [Evidence(sha256: try client.keepAttachment(photo).digest.hex, fileName: "IMG_\(number).jpg")]
            }
            _ = try client.record(try FieldWork.fire(number, in: officer.scope, evidence: evidence), device: device, now: .now())
        }
        let link = try ShapedLink(to: running.address)
        defer { link.stop() }
        let sync = try ChildProcess.run(programs.lantian, ["sync", "--db", clientPath, "--server", link.address, "--json"])
        _ = try running.stop()
        guard sync.status == 0 else { throw BenchError.failed("rural link: lantian sync exited \(sync.status): \(sync.errors)") }
        let pushed = try SyncOutput(sync.output).pushed
        guard pushed == 2 * fires, try client.attachmentsAwaitingUpload().isEmpty else {
            throw BenchError.failed("rural link: \(pushed) of \(2 * fires) events acknowledged, photos left: \(try client.attachmentsAwaitingUpload().count)")
        }
        return Outcome(seconds: sync.seconds, events: pushed, bytesUp: link.bytesUp, bytesDown: link.bytesDown)
    }
}

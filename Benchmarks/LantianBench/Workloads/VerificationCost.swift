import Foundation
import LantianDomain
import LantianStore

/// Workload 8, what integrity costs the server: a grid officer's `count` events, pushed in
/// batches of 1,000 and accepted by a fresh server store (`EventStore.accept`, in this process),
/// with the hash chain and signature of each batch checked or not. Everything else a push does
/// (validation, authorisation, placement, storing) is the same both ways.
enum VerificationCost {
    static func eventsPerSecond(count: Int, verifying: Bool, scratch: Scratch) throws -> Double {
        let (store, identity) = try BenchGrid.makeServer(at: scratch.path("server-\(verifying).sqlite"))
        var device = SimulatedDevice(user: BenchGrid.officer(1, of: BenchGrid.cells[0]))
        try device.enrol(at: store, identity: identity)
        let check = device.check(in: try store.grid(), verifyingChain: verifying)
        let pushes = try device.pushes(try (0..<(count / 2)).flatMap { try FieldWork.fire($0, in: device.user.scope) }, now: .now())
        let begin = ContinuousClock.now
        for push in pushes {
            let outcome = try store.accept(push, from: device.id, checking: check, receivedAt: .now())
            guard outcome.rejected.isEmpty else { throw BenchError.failed("verification: refused \(outcome.rejected[0])") }
        }
        return Double(count) / (ContinuousClock.now - begin).seconds
    }
}

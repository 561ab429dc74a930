import Foundation
@_spi(Benchmarks) import LantianStore

/// Workload 9, what keeping the read models costs a pull: the season's events, read from the
/// server as pulled pages of 1,000, stored (admission, chain bookkeeping, insert) into a fresh
/// store that keeps its read models and into one that does not, page by page, in process, the
/// order alternating so that neither is always second.
enum ReadModelUpkeep {
    struct Outcome {
        /// Events stored per second, keeping the read models.
        var kept: Double
        /// Events stored per second, not keeping them.
        var notKept: Double
    }

    static func run(serverPath: String, scratch: Scratch, label: String) throws -> Outcome {
        let server = try EventStore(path: serverPath)
        let kept = try EventStore(path: scratch.path("upkeep-kept-\(label).sqlite"), keepingReadModels: true)
        let notKept = try EventStore(path: scratch.path("upkeep-not-kept-\(label).sqlite"), keepingReadModels: false)
        var (keptTime, notKeptTime) = (Duration.zero, Duration.zero)
        var (after, events, turn) = (Int64(0), 0, false)
        while true {
            let page = try server.page(after: after, limit: 1_000, maxBytes: .max)
            guard let last = page.events.last else { break }
            for store in turn ? [kept, notKept] : [notKept, kept] {
                let start = ContinuousClock.now
                try store.storePulled(page)
                if store === kept { keptTime += ContinuousClock.now - start } else { notKeptTime += ContinuousClock.now - start }
            }
            (after, events, turn) = (last.sseq, events + page.events.count, !turn)
        }
        return Outcome(kept: Double(events) / keptTime.seconds, notKept: Double(events) / notKeptTime.seconds)
    }
}

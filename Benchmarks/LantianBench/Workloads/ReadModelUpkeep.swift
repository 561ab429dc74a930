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
        /// The share of each one's wall time the process was on a CPU (the rest it waited for the disk).
        var keptBusy = 0.0, notKeptBusy = 0.0
    }

    /// The process's CPU time so far (user and system).
    static func cpuTime() -> Duration {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func duration(_ time: timeval) -> Duration { .seconds(time.tv_sec) + .microseconds(time.tv_usec) }
        return duration(usage.ru_utime) + duration(usage.ru_stime)
    }

    static func run(serverPath: String, scratch: Scratch, label: String) throws -> Outcome {
        let server = try EventStore(path: serverPath)
        let kept = try EventStore(path: scratch.path("upkeep-kept-\(label).sqlite"), keepingReadModels: true)
        let notKept = try EventStore(path: scratch.path("upkeep-not-kept-\(label).sqlite"), keepingReadModels: false)
        var (keptTime, notKeptTime, keptCPU, notKeptCPU) = (Duration.zero, Duration.zero, Duration.zero, Duration.zero)
        var (after, events, turn) = (Int64(0), 0, false)
        while true {
            let page = try server.page(after: after, limit: 1_000, maxBytes: .max)
            guard let last = page.events.last else { break }
            (after, events) = (last.sseq, events + page.events.count)
            for store in turn ? [kept, notKept] : [notKept, kept] {
                let (start, cpu) = (ContinuousClock.now, cpuTime())
                try store.storePulled(page)
                if store === kept {
                    (keptTime, keptCPU) = (keptTime + (ContinuousClock.now - start), keptCPU + (cpuTime() - cpu))
                } else {
                    (notKeptTime, notKeptCPU) = (notKeptTime + (ContinuousClock.now - start), notKeptCPU + (cpuTime() - cpu))
                }
            }
            turn.toggle()
        }
        return Outcome(kept: Double(events) / keptTime.seconds, notKept: Double(events) / notKeptTime.seconds,
                       keptBusy: keptCPU.seconds / keptTime.seconds, notKeptBusy: notKeptCPU.seconds / notKeptTime.seconds)
    }
}

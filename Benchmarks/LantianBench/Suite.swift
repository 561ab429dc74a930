import Foundation
import LantianDomain
import LantianWire
import LantianStore

/// Every workload, each `runs` times, in one process run: figures a goal compares are measured
/// side by side (push and baseline alternate run by run), since only ratios measured together
/// mean anything on a shared, noisy machine.
struct Suite {
    var runs: Int
    /// Sizes are divided by this (1 for the record; 10 to try the benchmarks out).
    var scale: Int
    var peer: (python: String, script: String)?
    /// The workloads to run, by number (`nil`: all).
    var only: Set<Int>?
    let programs = Programs()

    func run() throws -> Results {
        var results = Results()
        func runs(_ workloads: Int...) -> Bool { only.map { !$0.isDisjoint(with: workloads) } ?? true }
        // The push also gives the baseline the pull is held to, and the record size the peer uses.
        let measured = runs(1, 2, 3, 7) ? try pushAndBaseline(&results) : nil
        if let measured { results.goals.append(Goal(figure: measured.push, kind: .atLeastTimes(0.5, of: measured.baseline))) }
        if runs(8) { try verification(&results) }
        if runs(3, 5, 6) { try pullRebuildAndLatency(&results, baseline: measured?.baseline) }
        if runs(4) { try manyDevices(&results) }
        if runs(11) { try manyConnections(&results) }
        if runs(9) { try readGrowth(&results) }
        if runs(10) { try ruralLink(&results) }
        if runs(12) { try transportSecurity(&results) }
        if runs(13) { try sharedDatabase(&results) }
        if runs(14) { try eveningOnPostgres(&results) }
        if runs(7), let peer, let measured {
            try peerComparison(&results, python: peer.python, script: peer.script, recordBytes: measured.recordBytes)
        }
        return results
    }

    /// Workloads 2 and 1: the push, then the same rows inserted through the C API.
    private func pushAndBaseline(_ results: inout Results) throws -> (baseline: Figure, push: Figure, recordBytes: Int) {
        let count = 100_000 / scale
        var push = Figure("2. Push \(Format.number(Double(count))) events (lantian sync)", unit: "events/s")
        var baseline = Figure("1. Baseline: the same rows, SQLite C API", unit: "events/s")
        var busy = Figure("2. Push: lantian's CPU time ÷ wall time", unit: "%")
        var recordBytes = 0
        try eachRun("push and baseline") { scratch in
            let pushed = try PushWorkload.run(count: count, programs: programs, scratch: scratch)
            push.samples.append(pushed.eventsPerSecond)
            busy.samples.append(pushed.clientBusyShare * 100)
            baseline.samples.append(try Baseline.eventsPerSecond(inserting: pushed.events, scratch: scratch))
            recordBytes = MessageCodec.encode(.push(Push(events: Array(pushed.events.prefix(1_000))))).count / min(1_000, pushed.events.count)
        }
        results.add(baseline)
        results.add(push)
        results.add(busy)
        results.notes.append("An event is \(recordBytes) bytes on the wire on average (envelope, hash chain and JSON payload); the peer's records are made the same size.")
        return (baseline, push, recordBytes)
    }

    /// Workload 8: the server's acceptance with and without checking chains and signatures.
    private func verification(_ results: inout Results) throws {
        let count = 100_000 / scale
        var checked = Figure("8. Server accepts \(Format.number(Double(count))) events, chain + signature checked", unit: "events/s")
        var unchecked = Figure("8. Server accepts the same, not checked", unit: "events/s")
        try eachRun("verification on and off") { scratch in
            checked.samples.append(try VerificationCost.eventsPerSecond(count: count, verifying: true, scratch: scratch))
            unchecked.samples.append(try VerificationCost.eventsPerSecond(count: count, verifying: false, scratch: scratch))
        }
        results.add(checked)
        results.add(unchecked)
        results.notes.append("Integrity costs the server \(Format.number((1 - checked.median / unchecked.median) * 100))% of its acceptance rate (medians, same run).")
    }

    /// Workloads 3, 5 and 6 on a server filled with a season of work.
    private func pullRebuildAndLatency(_ results: inout Results, baseline: Figure?) throws {
        let scratch = try Scratch("season")
        defer { scratch.remove() }
        let serverPath = scratch.path("server.sqlite")
        log("filling a server with a season of \(1_000_000 / scale) events")
        _ = try Season.makeServer(at: serverPath, events: 1_000_000 / scale)
        var pull = Figure("3. Pull (lantian sync, new device)", unit: "events/s")
        var memory = Figure("3. Pull: client peak RSS", unit: "MB")
        var busy = Figure("3. Pull: lantian's CPU time ÷ wall time", unit: "%")
        var client = ""
        var pulled = 0
        for run in 1...runs {
            log("pull, run \(run) of \(runs)")
            if !client.isEmpty { try? FileManager.default.removeItem(atPath: client) }
            client = scratch.path("supervisor-\(run).sqlite")
            let outcome = try PullWorkload.run(serverPath: serverPath, into: client, programs: programs)
            pull.samples.append(outcome.eventsPerSecond)
            memory.samples.append(Double(outcome.peakResidentBytes) / 1_048_576)
            busy.samples.append(outcome.clientBusyShare * 100)
            pulled = outcome.pulled
        }
        pull.name = "3. Pull \(Format.number(Double(pulled))) events (lantian sync, new device)"
        results.add(pull)
        results.add(memory)
        results.add(busy)
        if let baseline { results.goals.append(Goal(figure: pull, kind: .atLeastTimes(0.5, of: baseline))) }
        results.goals.append(Goal(figure: memory, kind: .atMost(200)))

        var rebuild = Figure("5. Rebuild every read model from \(Format.number(Double(try EventStore(path: client).count()))) events",
                             unit: "events/s")
        for run in 1...runs {
            log("rebuild, run \(run) of \(runs)")
            rebuild.samples.append(try Rebuild.eventsPerSecond(storeAt: client))
        }
        results.add(rebuild)
        results.goals.append(Goal(figure: rebuild, kind: .atLeast(500_000)))

        var status = Figure("6. lantian status --offline, same store", unit: "ms")
        var list = Figure("6. lantian issue list (open issues), same store", unit: "ms")
        for run in 1...max(runs, 5) {
            log("client latency, run \(run)")
            status.samples.append(try ClientLatency.milliseconds(programs, ["status", "--offline", "--db", client]))
            list.samples.append(try ClientLatency.milliseconds(programs, ["issue", "list", "--db", client]))
        }
        results.add(status)
        results.add(list)
        results.goals += [Goal(figure: status, kind: .atMost(50)), Goal(figure: list, kind: .atMost(50))]
    }

    /// Workload 9: the same commands on a phone holding 10k, 100k and 1M events.
    private func readGrowth(_ results: inout Results) throws {
        let sizes = [10_000, 100_000, 1_000_000].map { $0 / scale }
        var outcomes: [ReadGrowth.Outcome] = []
        for size in sizes {
            log("read growth: a season of \(size) events")
            let scratch = try Scratch("growth")
            defer { scratch.remove() }
            outcomes.append(try ReadGrowth.run(events: size, samples: max(runs, 5), programs: programs, scratch: scratch))
        }
        let names = ReadGrowth.commands(client: "", township: "", issue: "", month: "").map(\.name)
        for (index, name) in names.enumerated() {
            for outcome in outcomes {
                let figure = Figure("9. lantian \(name), \(Format.number(Double(outcome.events))) events", unit: "ms",
                                    samples: [outcome.milliseconds[index]])
                results.add(figure)
                // The first command only measures the process's start: the floor under every goal.
                if index > 0 { results.goals.append(Goal(figure: figure, kind: .atMost(outcome.events > 200_000 ? 50 : 20))) }
            }
        }
        for outcome in outcomes {
            let events = Format.number(Double(outcome.events))
            results.add(Figure("9. Pull with read models kept, \(events) events", unit: "events/s", samples: [outcome.pullEventsPerSecond]))
            let kept = Figure("9. Storing pulled pages, read models kept, \(events) events", unit: "events/s", samples: [outcome.upkeep.kept])
            let notKept = Figure("9. Storing pulled pages, read models not kept, \(events) events", unit: "events/s", samples: [outcome.upkeep.notKept])
            results.add(kept)
            results.add(notKept)
            results.goals.append(Goal(figure: kept, kind: .atLeastTimes(0.85, of: notKept)))
            let rebuild = Figure("9. lantian rebuild, \(events) events", unit: "events/s", samples: [outcome.rebuildEventsPerSecond])
            results.add(rebuild)
            results.notes.append("Workload 9, \(events) events: the store takes \(Format.number(outcome.bytesPerEvent)) bytes per event, "
                                 + (outcome.readModelBytesPerEvent.map { "of which the read models \(Format.number($0))" } ?? "read models not measured (no dbstat)") + ".")
        }
        if let largest = outcomes.last {
            results.goals.append(Goal(figure: Figure("9. lantian rebuild, largest", unit: "events/s", samples: [largest.rebuildEventsPerSecond]),
                                      kind: .atLeast(500_000)))
        }
    }

    /// Workload 10: a week offline synced over a rural link.
    private func ruralLink(_ results: inout Results) throws {
        var seconds = Figure("10. A week offline (2,000 events, 20 photos of 250 kB) synced over a rural link", unit: "s")
        var rate = Figure("10. Rural link: events/s over the whole sync", unit: "events/s")
        var (up, down) = (0, 0)
        try eachRun("rural link") { scratch in
            let outcome = try RuralLinkWorkload.run(programs: programs, scratch: scratch)
            seconds.samples.append(outcome.seconds)
            rate.samples.append(Double(outcome.events) / outcome.seconds)
            (up, down) = (outcome.bytesUp, outcome.bytesDown)
        }
        results.add(seconds)
        results.add(rate)
        results.goals.append(Goal(figure: seconds, kind: .atMost(60)))
        results.notes.append("Workload 10: \(Format.number(Double(up))) bytes up and \(Format.number(Double(down))) down through the shaped link "
                             + "(2 Mbit/s, 150 ms round trip, 1% of 1,460-byte segments lost, each costing 300 ms), frames with their headers.")
    }

    /// Workload 4: a thousand devices at once.
    private func manyDevices(_ results: inout Results) throws {
        let devices = 1_000 / scale
        var memory = Figure("4. \(devices) devices at once: server peak RSS", unit: "MB")
        var p50 = Figure("4. Push acknowledgement latency, p50", unit: "ms")
        var p99 = Figure("4. Push acknowledgement latency, p99", unit: "ms")
        var pushRound = Figure("4. Push round (every device pushes), all sessions", unit: "s")
        var pullRound = Figure("4. Pull round (every device pulls its cell), all sessions", unit: "s")
        var serverBusy = Figure("4. Push round: lantiand's CPU time ÷ wall time", unit: "%")
        var generatorBusy = Figure("4. Push round: the load generator's CPU time ÷ wall time", unit: "%")
        try eachRun("\(devices) devices") { scratch in
            let outcome = try ManyDevices.run(devices: devices, eventsEach: 100, programs: programs, scratch: scratch)
            memory.samples.append(Double(outcome.serverPeakResidentBytes) / 1_048_576)
            p50.samples.append(outcome.load.percentile(0.5))
            p99.samples.append(outcome.load.percentile(0.99))
            pushRound.samples.append(outcome.load.pushRoundSeconds)
            pullRound.samples.append(outcome.load.pullRoundSeconds)
            serverBusy.samples.append(outcome.load.serverBusyDuringPushes ?? .nan)
            generatorBusy.samples.append(outcome.load.generatorBusyDuringPushes)
        }
        results.add(memory)
        results.add(p50)
        results.add(p99)
        results.add(pushRound)
        results.add(pullRound)
        results.add(serverBusy)
        results.add(generatorBusy)
        results.goals.append(Goal(figure: memory, kind: .atMost(256)))
        results.goals.append(Goal(figure: p50, kind: .atMost(500)))
        results.goals.append(Goal(figure: p99, kind: .atMost(2_000)))
        results.notes.append("Workload 4: every device's 100 events stored exactly once on the server (sequence 1…100 per device), and every device holds all of its cell's fire points after the pull round.")
    }

    /// Workload 11: ten thousand devices connected, nine in ten idle and subscribed, the rest pushing.
    private func manyConnections(_ results: inout Results) throws {
        let pushing = 1_000 / scale, idle = 9_000 / scale
        var memory = Figure("11. \(Format.number(Double(pushing + idle))) devices connected: server peak RSS", unit: "MB")
        var p50 = Figure("11. Push acknowledgement latency beside \(Format.number(Double(idle))) idle devices, p50", unit: "ms")
        var p99 = Figure("11. Push acknowledgement latency beside \(Format.number(Double(idle))) idle devices, p99", unit: "ms")
        var descriptors = Figure("11. Server's open descriptors, halfway through the pushes", unit: "descriptors")
        var notified = Figure("11. Idle devices told of new events in their cell", unit: "devices")
        try eachRun("\(pushing + idle) devices") { scratch in
            let outcome = try ManyDevices.run(devices: pushing, eventsEach: 100, idle: idle, programs: programs, scratch: scratch)
            memory.samples.append(Double(outcome.serverPeakResidentBytes) / 1_048_576)
            p50.samples.append(outcome.load.percentile(0.5))
            p99.samples.append(outcome.load.percentile(0.99))
            descriptors.samples.append(Double(outcome.load.serverDescriptors ?? 0))
            notified.samples.append(Double(outcome.load.idleDevicesNotified))
        }
        for figure in [memory, p50, p99, descriptors, notified] { results.add(figure) }
        results.goals.append(Goal(figure: memory, kind: .atMost(512)))
        results.goals.append(Goal(figure: p99, kind: .atMost(5_000)))
        results.notes.append("Workload 11: \(Format.number(Double(idle))) idle devices (each grid officer's second to tenth phone) connect in waves of 500, sign in and subscribe, and stay connected while \(Format.number(Double(pushing))) devices push 100 events each (the server restarted after the idle ones were enrolled); an idle device hears of new events only when its scope's change.")
    }

    /// Workload 12: what TLS costs, measured beside the plaintext debugging listener in the same run.
    private func transportSecurity(_ results: inout Results) throws {
        let records = 20_000 / scale
        let scratch = try Scratch("tls")
        defer { scratch.remove() }
        let serverPath = scratch.path("server.sqlite")
        let season = 100_000 / scale
        _ = try Season.makeServer(at: serverPath, events: season)
        var push: [BenchChannel: Figure] = [:], pull: [BenchChannel: Figure] = [:]
        for channel in BenchChannel.allCases {
            push[channel] = Figure("12. Push \(Format.number(Double(records))) events, \(channel.name)", unit: "events/s")
            pull[channel] = Figure("12. Pull \(Format.number(Double(season))) events, \(channel.name)", unit: "events/s")
        }
        try eachRun("push and pull, TLS and plaintext alternating") { run in
            for channel in BenchChannel.allCases {
                push[channel]?.samples.append(try PushWorkload.run(count: records, programs: programs, scratch: run, channel: channel).eventsPerSecond)
                let client = run.path("pull-\(channel.rawValue).sqlite")
                pull[channel]?.samples.append(try PullWorkload.run(serverPath: serverPath, into: client, programs: programs, channel: channel).eventsPerSecond)
            }
        }
        for channel in BenchChannel.allCases { results.add(push[channel]!); results.add(pull[channel]!) }
        if let tls = push[.tls], let plain = push[.plaintext] { results.goals.append(Goal(figure: tls, kind: .atLeastTimes(0.9, of: plain))) }
        if let tls = pull[.tls], let plain = pull[.plaintext] { results.goals.append(Goal(figure: tls, kind: .atLeastTimes(0.9, of: plain))) }

        for channel in BenchChannel.allCases {
            log("connection setup and memory per connection, \(channel.name)")
            let server = try RunningServer(programs, database: serverPath, channel: channel, extraArguments: ["--idle-timeout", "300"])
            let security = try TransportSecurityWorkload.security(channel, serverStore: serverPath)
            results.add(Figure("12. Connect to the server's first message, \(channel.name)", unit: "ms",
                               samples: try TransportSecurityWorkload.setupMilliseconds(server: server, security: security, samples: 200)))
            _ = try server.stop()
            for count in [1_000, 10_000].map({ $0 / scale }) {
                let fresh = try RunningServer(programs, database: serverPath, channel: channel, extraArguments: ["--idle-timeout", "300"])
                let bytes = try TransportSecurityWorkload.bytesPerConnection(server: fresh, security: security, count: count)
                results.add(Figure("12. Server memory per open connection, \(Format.number(Double(count))) open, \(channel.name)", unit: "kB",
                                   samples: [bytes / 1_024]))
                _ = try fresh.stop()
            }
        }
        results.notes.append("Workload 12: TLS 1.3 (OpenSSL 3, Ed25519 server key, X25519, AES-256-GCM as negotiated) against the plaintext debugging listener (`--insecure-plaintext-loopback`), alternating in the same run; connection setup is 200 connections one after another, from connect to the server's challenge (TLS: the handshake and the pinned key's check); memory per connection is the server's VmRSS with that many connections open and greeted, less before, divided by the count.")
    }

    /// Workload 13: the server's record on PostgreSQL (one node, and two) against the SQLite file,
    /// alternating in the same run.
    private func sharedDatabase(_ results: inout Results) throws {
        let records = 20_000 / scale
        let season = 100_000 / scale
        log("PostgreSQL: a cluster of its own, and a \(Format.number(Double(season)))-event server moved into a database")
        let postgres = try BenchPostgres()
        defer { postgres.stop() }
        let scratch = try Scratch("shared")
        defer { scratch.remove() }
        let serverPath = scratch.path("server.sqlite"), nodePath = scratch.path("node.sqlite")
        _ = try Season.makeServer(at: serverPath, events: season)
        try EventStore(path: serverPath).backup(to: nodePath)
        try FileManager.default.copyItem(atPath: KeyFile.path(forStore: serverPath), toPath: KeyFile.path(forStore: nodePath))
        let url = try postgres.moveIntoNewDatabase(serverStore: nodePath)
        var push = ["SQLite": Figure("13. Push \(Format.number(Double(records))) events, SQLite", unit: "events/s"),
                    "PostgreSQL": Figure("13. Push \(Format.number(Double(records))) events, PostgreSQL, one node", unit: "events/s")]
        var pull = ["SQLite": Figure("13. Pull \(Format.number(Double(season))) events, SQLite", unit: "events/s"),
                    "PostgreSQL": Figure("13. Pull \(Format.number(Double(season))) events, PostgreSQL, one node", unit: "events/s")]
        var together = [1: Figure("13. Two phones push \(Format.number(Double(records))) events each at once, one node", unit: "events/s"),
                        2: Figure("13. Two phones push \(Format.number(Double(records))) events each at once, two nodes", unit: "events/s")]
        try eachRun("push and pull, SQLite and PostgreSQL alternating; two phones to one node and to two") { run in
            for (name, database) in [("SQLite", nil), ("PostgreSQL", postgres)] as [(String, BenchPostgres?)] {
                let pushing = try Scratch("push")
                defer { pushing.remove() }
                push[name]?.samples.append(try PushWorkload.run(count: records, programs: programs, scratch: pushing, postgres: database).eventsPerSecond)
            }
            pull["SQLite"]?.samples.append(try PullWorkload.run(serverPath: serverPath, into: run.path("pull-sqlite.sqlite"), programs: programs).eventsPerSecond)
            pull["PostgreSQL"]?.samples.append(try PullWorkload.run(serverPath: nodePath, into: run.path("pull-postgresql.sqlite"), programs: programs,
                                                                     database: url).eventsPerSecond)
            for nodes in [1, 2] {
                let pushing = try Scratch("two-phones")
                defer { pushing.remove() }
                together[nodes]?.samples.append(try SharedDatabaseWorkload.twoPhonesPushing(count: records, nodes: nodes, programs: programs,
                                                                                            scratch: pushing, postgres: postgres))
            }
        }
        for name in ["SQLite", "PostgreSQL"] { results.add(push[name]!); results.add(pull[name]!) }
        results.add(together[1]!)
        results.add(together[2]!)

        results.notes.append("Workload 13: the same push and pull as 2 and 3 (TLS), served by lantiand from its SQLite file and by one node of a PostgreSQL database (PostgreSQL 15 on this machine, a cluster of its own, fsync and synchronous_commit on; the node's copy on the same disk), alternating in the same run; then two phones pushing at once, both to one node or each to its own node of the same database.")
    }

    /// Workload 14: workload 4's evening (a thousand phones at once) on the SQLite file, on one node
    /// of a PostgreSQL database and on two, alternating in the same run.
    private func eveningOnPostgres(_ results: inout Results) throws {
        let postgres = try BenchPostgres()
        defer { postgres.stop() }
        let devices = 1_000 / scale
        let stores: [(name: String, postgres: BenchPostgres?, nodes: Int)] = [("SQLite", nil, 1), ("PostgreSQL, one node", postgres, 1),
                                                                             ("PostgreSQL, two nodes", postgres, 2)]
        var p99: [String: Figure] = [:], round: [String: Figure] = [:]
        for store in stores {
            p99[store.name] = Figure("14. \(devices) devices at once, push acknowledgement p99, \(store.name)", unit: "ms")
            round[store.name] = Figure("14. \(devices) devices at once, push round, \(store.name)", unit: "s")
        }
        try eachRun("\(devices) devices, SQLite and PostgreSQL (one node, two) alternating") { run in
            for store in stores {
                let evening = try Scratch("evening")
                defer { evening.remove() }
                let outcome = try ManyDevices.run(devices: devices, eventsEach: 100, programs: programs, scratch: evening, postgres: store.postgres,
                                                  nodes: store.nodes)
                p99[store.name]?.samples.append(outcome.load.percentile(0.99))
                round[store.name]?.samples.append(outcome.load.pushRoundSeconds)
            }
        }
        for store in stores { results.add(p99[store.name]!); results.add(round[store.name]!) }
        results.notes.append("Workload 14: workload 4's evening (each phone pushes 100 events, then pulls its cell) served by lantiand from its SQLite file, by one node of a PostgreSQL database and by two (the phones taking them in turn), alternating in the same run; a run fails if any session fails.")
    }

    /// Workload 7: Lantian and Kinto, the same number of records of the same size.
    private func peerComparison(_ results: inout Results, python: String, script: String, recordBytes: Int) throws {
        let records = 20_000 / scale
        var push = Figure("7. Lantian push \(Format.number(Double(records))) events", unit: "events/s")
        var pull = Figure("7. Lantian pull of a \(Format.number(Double(records)))-event server", unit: "events/s")
        let scratch = try Scratch("peer")
        defer { scratch.remove() }
        let serverPath = scratch.path("server.sqlite")
        _ = try Season.makeServer(at: serverPath, events: records)
        try eachRun("Lantian at the peer's size") { run in
            push.samples.append(try PushWorkload.run(count: records, programs: programs, scratch: run).eventsPerSecond)
            pull.samples.append(try PullWorkload.run(serverPath: serverPath, into: run.path("pull.sqlite"), programs: programs).eventsPerSecond)
        }
        results.add(push)
        results.add(pull)
        for backend in ["memory", "postgresql"] {
            log("Kinto, \(backend) backend, \(runs) runs")
            let outcome = try Peer.run(python: python, script: script, backend: backend, records: records, recordBytes: recordBytes, runs: runs)
            let kintoPush = Figure("7. Kinto \(outcome.kinto) (\(backend)) push", unit: "records/s", samples: outcome.push)
            let kintoPull = Figure("7. Kinto \(outcome.kinto) (\(backend)) pull", unit: "records/s", samples: outcome.pull)
            results.add(kintoPush)
            results.add(kintoPull)
            results.goals += [Goal(figure: push, kind: .atLeastTimes(100, of: kintoPush)), Goal(figure: pull, kind: .atLeastTimes(2, of: kintoPull))]
        }
    }

    /// Runs `body` once per run, each in a fresh scratch folder removed after it.
    private func eachRun(_ what: String, _ body: (Scratch) throws -> Void) throws {
        for run in 1...runs {
            log("\(what), run \(run) of \(runs)")
            let scratch = try Scratch("run")
            defer { scratch.remove() }
            try body(scratch)
        }
    }

    private func log(_ line: String) {
        FileHandle.standardError.write(Data("[\(Date())] \(line)\n".utf8))
    }
}

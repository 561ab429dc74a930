import Foundation
import LantianDomain
import LantianStore
import LantianTestSupport
import Testing

/// A damaged device store is found before it can do harm: nothing damaged is signed, pushed or
/// shown as intact, no command traps on it, and `lantian repair` lets the phone carry on with
/// every intact record. On the real binaries (findings 4 to 6 of the recovery review).
@Suite struct DamagedStoreTests {
    /// The exit statuses a command may end with on a damaged store (README): done, problems found
    /// by verify, bad input, server unreachable, store damaged. Anything else (a signal) is a crash.
    static let documentedStatuses: Set<Int32> = [0, 1, 65, 69, 74]

    /// Folds the store's write-ahead log into the file, so that its bytes are all in one place.
    static func checkpoint(_ store: String) throws {
        #expect(try run(path: "/usr/bin/sqlite3", [store, "PRAGMA wal_checkpoint(TRUNCATE);"]).status == 0)
    }

    /// Changes one byte of the text `marker` where the store file holds it.
    static func damage(_ store: String, at marker: String) throws {
        try checkpoint(store)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: store))
        let needle = Data(marker.utf8)
        let found = try #require(bytes.range(of: needle), "the store does not hold \(marker)")
        bytes[found.lowerBound] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: store))
    }

    /// Overwrites every page that holds `table` with 0xFF, as a failing disk would.
    static func damagePages(of table: String, in store: String) throws {
        try checkpoint(store)
        func ask(_ sql: String) throws -> [Int] {
            try run(path: "/usr/bin/sqlite3", [store, sql]).output.split(separator: "\n").compactMap { Int($0) }
        }
        let pageSize = try #require(try ask("PRAGMA page_size").first)
        let pages = try ask("SELECT pageno FROM dbstat WHERE name = '\(table)'")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: store))
        for page in pages {
            let range = ((page - 1) * pageSize)..<(page * pageSize)
            bytes.replaceSubrange(range, with: Data(repeating: 0xFF, count: pageSize))
        }
        #expect(!pages.isEmpty)
        try bytes.write(to: URL(fileURLWithPath: store))
    }

    /// The events the server holds from `devices`, by id.
    static func held(_ database: String, from devices: Set<UUID>) throws -> [UUID: Event] {
        Dictionary(try EventStore(path: database).allEvents().filter { devices.contains($0.device) }.map { ($0.id, $0) }) { first, _ in first }
    }

    /// What an event says, leaving out where in which chain it stands (an event recorded again
    /// under a new device id says the same).
    static func content(_ event: Event) -> [String] {
        [event.id.uuidString, event.actor, "\(event.hlc.packed)", "\(event.recordedAt.millisecondsSince1970)", event.subject.uuidString,
         event.type.rawValue, event.payload.base64EncodedString()]
    }

    /// Finding 6: a byte changed in the last event of a push batch was signed and pushed, and
    /// every later push failed for good; one in the newest event was "all intact" and pushed.
    @Test(arguments: [("the last event of the first batch", 1_000), ("the newest event", 1_200)])
    func aDamagedEventIsNeverSignedOrPushedAndRepairCarriesOn(_ which: String, _ cseq: Int) throws {
        let town = try Town()
        let officer = town.officer
        try recordBacklog(1_200, on: officer, note: "积压")
        let pristine = try EventStore(path: officer.store).allEvents()
        let old = try #require(try EventStore(path: officer.store).localDevice()).id
        let target = try #require(pristine.first { $0.device == old && $0.cseq == Int64(cseq) })
        try Self.damage(officer.store, at: "积压 \(cseq - 1)\"")

        let verified = try officer.lantian(["verify"])
        #expect(verified.status == 1 && verified.output.contains(String(target.id.uuidString.lowercased().suffix(8))), "\(which): \(verified.output)")
        let synced = try officer.lantian(["sync"])
        #expect(synced.status == 74 && synced.errors.contains("lantian repair"), "\(which): \(synced.errors)")
        // Batches before the damaged one went; the damaged one's did not.
        #expect(try Self.held(town.server.database, from: [old]).keys.count == (cseq > 1_000 ? 1_000 : 0), "\(which)")

        let repaired = try officer.expectSuccess(["repair"])
        #expect(repaired.contains("无法恢复的记录 1 条"), "\(which): \(repaired)")
        try officer.expectSuccess(["sync"])
        #expect(try officer.expectSuccess(["verify"]).contains("全部完好"))
        #expect(try officer.expectSuccess(["quarantine"]).contains("上传前已损坏"))
        let new = try #require(try EventStore(path: officer.store).localDevice()).id
        let held = try Self.held(town.server.database, from: [old, new])
        #expect(held.count == 1_199, "\(which): the server holds \(held.count) of the 1,199 intact events")
        let original = Dictionary(pristine.map { ($0.id, Self.content($0)) }) { first, _ in first }
        #expect(held.values.allSatisfy { original[$0.id] == Self.content($0) }, "\(which): the server holds a damaged event")
        #expect(held[target.id] == nil)
        #expect(town.server.stop() == 0)
    }

    /// Findings 4, 5 and 6 at random: bits flipped anywhere in a device store. No command traps,
    /// each says what is wrong and what to do, and no damaged event reaches the server.
    @Test(arguments: 0..<100)
    func randomBitFlipsNeitherCrashAnythingNorReachTheServer(seed: Int) throws {
        let pristine = Self.pristineTown
        let folder = try temporaryFolder()
        for file in ["server.sqlite", "server.sqlite.key", "officer.zhang.sqlite", "officer.zhang.sqlite.key"] {
            try FileManager.default.copyItem(at: pristine.folder.appendingPathComponent(file), to: folder.appendingPathComponent(file))
        }
        let database = folder.appendingPathComponent("server.sqlite").path
        let store = folder.appendingPathComponent("officer.zhang.sqlite").path
        var random = SeededRandom(seed: UInt64(seed))
        var bytes = try Data(contentsOf: URL(fileURLWithPath: store))
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8(1) << UInt8.random(in: 0...7, using: &random)
        }
        try bytes.write(to: URL(fileURLWithPath: store))

        let server = try ServerProcess(database: database, port: try freePort(), folder: folder)
        func lantian(_ arguments: [String]) throws -> CommandResult {
            let result = try run("lantian", arguments + ["--db", store])
            #expect(Self.documentedStatuses.contains(result.status), "seed \(seed): lantian \(arguments) ended with \(result.status): \(result.errors)")
            #expect(!(result.errors + result.output).isEmpty || result.status == 0, "seed \(seed): lantian \(arguments) failed silently")
            return result
        }
        _ = try lantian(["status", "--offline"])
        _ = try lantian(["verify"])
        if try lantian(["sync", "--server", server.address]).status != 0 {
            _ = try lantian(["repair"])
            _ = try lantian(["sync", "--server", server.address])
        }
        #expect(server.stop() == 0)
        let original = Dictionary(pristine.events.map { ($0.id, Self.content($0)) }) { first, _ in first }
        let fromOfficer = try EventStore(path: database).allEvents().filter { $0.actor == "officer.zhang" }
        #expect(fromOfficer.allSatisfy { original[$0.id] == Self.content($0) }, "seed \(seed): the server holds a damaged event")
        try TestGrid.lantiand(["verify", "--db", database])
    }

    /// A server and an officer's store with 40 events synced and 20 waiting, made once.
    struct PristineTown {
        let folder: URL
        let events: [Event]
    }

    static let pristineTown: PristineTown = {
        let folder = try! temporaryFolder()
        let server = try! ServerProcess(database: folder.appendingPathComponent("server.sqlite").path, port: try! freePort(), folder: folder)
        let officer = try! FieldDevice(user: "officer.zhang", server: server.address, folder: folder)
        try! recordBacklog(40, on: officer, note: "已同步")
        _ = try! officer.expectSuccess(["sync"])
        try! recordBacklog(20, on: officer, note: "待同步")
        server.stop()
        try! checkpoint(officer.store)
        return PristineTown(folder: folder, events: try! EventStore(path: officer.store).allEvents().filter { $0.actor == "officer.zhang" })
    }()
}

extension DamagedStoreTests {
    /// Finding 5: `status` gave a wrong count on a damaged store without a word. A row lost behind
    /// Lantian's back (here deleted with sqlite3) makes its counts disagree: status says so.
    /// A damaged server store names the server's remedy, a restore from the last backup, not the
    /// field client's `lantian repair`.
    @Test func aDamagedServerStoreSaysToRestoreFromTheBackup() throws {
        let database = try temporaryFolder().appendingPathComponent("server.sqlite").path
        try TestGrid.administer(database)
        try Self.damagePages(of: "event", in: database)
        let verified = try run("lantiand", ["verify", "--db", database])
        #expect(verified.status == 74)
        #expect(verified.errors.contains("lantiand restore") && !verified.errors.contains("lantian repair"), "\(verified.errors)")
    }

    @Test func statusSaysWhenTheStoresCountsDisagree() throws {
        let town = try Town()
        let officer = town.officer
        try recordBacklog(5, on: officer, note: "待同步")
        #expect(try officer.status().pending == 5)
        let deleted = try run(path: "/usr/bin/sqlite3", [officer.store,
            "DROP TRIGGER event_refuses_delete; DELETE FROM event WHERE cseq = 3 AND device = (SELECT id FROM local_device);"])
        #expect(deleted.status == 0, "\(deleted.errors)")
        let status = try officer.expectSuccess(["status", "--offline"])
        #expect(status.contains("可能已损坏") && status.contains("lantian repair"), "\(status)")
        #expect(try officer.lantian(["sync"]).status == 74)
        #expect(try officer.expectSuccess(["repair"]).contains("无法恢复的记录 1 条"))
        try officer.expectSuccess(["sync"])
        #expect(try officer.status().pending == 0)
        #expect(town.server.stop() == 0)
    }
}

import Foundation
import LantianDomain
import LantianWire
import LantianStore
import Testing

/// A client that asks for everything and then stops reading (a phone whose app froze, or a
/// deliberately slow attacker): the server stops reading from it instead of queueing answers,
/// its memory stays bounded, and other clients sync as usual.
@Suite struct StalledReaderTests {
    @Test func aClientThatStopsReadingCostsBoundedMemoryAndOthersSyncMeanwhile() throws {
        let town = try Town()
        try recordBacklog(5_000, on: town.officer)
        try town.officer.expectSuccess(["sync"])
        let before = try #require(town.server.residentMegabytes())

        // 2,000 requests for the whole history (some 800 MB of pages if all were queued), never read.
        let stalled = try RawConnection(port: town.server.port)
        guard case .welcome? = try stalled.helloAs(store: town.staff.store).0 else { throw Failure("no welcome") }
        for _ in 0..<2_000 { try stalled.send(.pull(Pull(after: 0, limit: 1_000))) }
        Thread.sleep(forTimeInterval: 1)

        let synced = try town.supervisor.lantian(["sync"])
        #expect(synced.status == 0, "another client could not sync beside the stalled one: \(synced.errors)")
        #expect(try EventStore(path: town.supervisor.store).count() >= 5_000)
        let during = try #require(town.server.residentMegabytes())
        print("server resident memory: \(before) MB before, \(during) MB with the stalled reader")
        #expect(during < before + 100, "the server queued answers for a client that does not read: \(before) → \(during) MB")
        #expect(try stalled.receive() != nil, "the stalled client's connection was dropped instead of slowed")
    }
}

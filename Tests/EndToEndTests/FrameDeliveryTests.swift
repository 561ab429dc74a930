import Foundation
import LantianProtocol
import LantianStore
import Testing

/// Whole frames delivered twice or late by ``FrameProxy``, on the real binaries: the sync still
/// completes or fails cleanly, and nothing is lost or stored twice.
@Suite struct FrameDeliveryTests {
    static func isPushOrPull(_ message: Message) -> Bool {
        switch message { case .push, .pull: true; default: false }
    }

    static func isAckOrPage(_ message: Message) -> Bool {
        switch message { case .pushAck, .page: true; default: false }
    }

    @Test(arguments: [
        ("every push and pull reaches the server twice", true),
        ("every acknowledgement and page reaches the client twice", false),
    ])
    func framesDeliveredTwiceStoreNothingTwice(_ what: String, _ toServer: Bool) throws {
        let town = try Town()
        try recordBacklog(1_500, on: town.officer)
        try town.staff.reportFire(note: "镇街上报")
        let proxy = try FrameProxy(upstreamPort: town.server.port) { towardServer, message in
            towardServer == toServer && (toServer ? Self.isPushOrPull(message) : Self.isAckOrPage(message)) ? .duplicate : .forward
        }
        for device in [town.officer, town.staff, town.supervisor] {
            let synced = try device.lantian(["sync", "--server", proxy.address])
            #expect(synced.status == 0, "\(what): \(synced.errors)")
        }
        #expect(proxy.tamperedFrames > 4, "\(what): nothing was duplicated")
        try town.syncAll()
        try expectConverged(server: town.server.database, devices: [town.officer, town.staff, town.supervisor])
    }

    @Test func aPushDeliveredLateAfterTheClientGaveUpAndSyncedAgainStoresNothingTwice() throws {
        let town = try Town()
        try recordBacklog(800, on: town.officer)
        let proxy = try FrameProxy(upstreamPort: town.server.port) { toServer, message in
            if toServer, case .push = message { return .delay(2) }
            return .forward
        }
        // The sync through the slow path is abandoned; the phone syncs again straight away.
        let slow = try BackgroundProcess("lantian", ["sync", "--server", proxy.address, "--db", town.officer.store], folder: town.folder)
        #expect(waitUntil(seconds: 10) { proxy.tamperedFrames == 1 })
        slow.stop(signal: SIGKILL)
        try town.officer.expectSuccess(["sync"])
        let server = try EventStore(path: town.server.database)
        let held = try server.count()

        // Then the old push arrives.
        Thread.sleep(forTimeInterval: 2.5)
        #expect(try server.count() - held <= 1, "the late push stored events twice")  // at most the server's report of that session
        try town.syncAll()
        try expectConverged(server: town.server.database, devices: [town.officer, town.staff, town.supervisor])
    }
}

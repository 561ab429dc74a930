import Foundation
import LantianDomain
import LantianWire
import LantianStore
import Testing

/// Whole frames delivered twice or late by ``FrameProxy``, on the real binaries: the sync still
/// completes or fails cleanly, and nothing is lost or stored twice.
///
/// The proxy reads frames, so these sessions run on the plaintext debugging listener
/// (`--insecure-plaintext-loopback`): over TLS a record delivered twice or replayed fails its
/// authentication and ends the connection (``TLSTransportTests``), so only a faulty endpoint could
/// repeat a frame. The session layer's answer to a repeated frame is what is checked here.
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
        let town = try Town(plaintext: true)
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
        let town = try Town(plaintext: true)
        try recordBacklog(800, on: town.officer)
        let proxy = try FrameProxy(upstreamPort: town.server.port) { toServer, message in
            if toServer, case .push = message { return .delay(2) }
            return .forward
        }
        // The sync through the slow path is abandoned; the phone syncs again straight away.
        let slow = try BackgroundProcess("lantian", ["sync", "--server", proxy.address, "--db", town.officer.store], folder: town.folder,
                                        environment: town.officer.channelEnvironment)
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

/// A sync comes to rest, and a disturbed connection is a network fault to retry (findings 7 and 8
/// of the recovery review).
@Suite struct SyncRestTests {
    /// Every session that pulled anything, even only the report of the session before, made the
    /// server record another report: no state in which a sync moved nothing.
    @Test func twoSyncsInARowOfAnIdleDeviceMoveNothing() throws {
        let town = try Town()
        try town.officer.reportFire(note: "一处")
        try town.syncAll()
        try town.officer.expectSuccess(["sync"])  // may pull the reports of the syncs before
        let held = try EventStore(path: town.server.database).count()
        for _ in 0..<2 {
            #expect(try town.officer.expectSuccess(["sync"]).contains("上传 0 条，下载 0 条"))
        }
        #expect(try EventStore(path: town.server.database).count() == held)
        #expect(town.server.stop() == 0)
    }

    /// A middlebox that sends `hello` twice: a network fault (exit 69) the user can retry, not a
    /// refusal. (The client retries a disturbed session itself; every retry is disturbed here.)
    @Test func aHelloSentTwiceIsANetworkFaultToRetry() throws {
        let town = try Town(plaintext: true)
        try town.officer.reportFire(note: "一处")
        let broken = try FrameProxy(upstreamPort: town.server.port) { toServer, message in
            guard toServer, case .hello = message else { return .forward }
            return .duplicate
        }
        let failed = try town.officer.lantian(["sync", "--server", broken.address])
        #expect(failed.status == 69)
        #expect(failed.errors.contains("lantian sync"), "\(failed.errors)")  // disturbed, or broken: sync again later
        #expect(town.server.stop() == 0)
    }
}

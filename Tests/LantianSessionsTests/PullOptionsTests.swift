import Foundation
import LantianDomain
import LantianSessions
import LantianStore
import LantianTestSupport
import LantianWire
import Testing

/// Pulls of version 4 may leave out the asking device's own events (it holds them) and take pages
/// deflated (PROTOCOL.md, *Pull*, options).
@Suite struct PullOptionsTests {
    @Test func aPullLeavingOutOwnEventsCarriesOnlyOthersEvents() throws {
        let server = try serverStore()
        let (officer, device) = try clientStore("officer.zhang", enrolledAt: server)
        try record(3, in: officer, by: device)
        _ = try converse(clientSession(officer, .sync), serverSessionOf(server))
        let (colleague, colleagueDevice) = try clientStore("officer.li", enrolledAt: server)
        try record(2, in: colleague, by: colleagueDevice)
        _ = try converse(clientSession(colleague, .sync), serverSessionOf(server))

        func pulled(_ options: Pull.Options) throws -> [UUID] {
            let (session, _) = try authenticatedSession(officer, server: server)
            guard case .send(.page(let page)) = session.handle(.pull(Pull(after: 0, limit: 1_000, options: options))) else {
                Issue.record("no page"); return []
            }
            #expect(session.deflatesPages == options.contains(.deflate))
            return page.events.map(\.event.device).filter { $0 == device.id || $0 == colleagueDevice.id }
        }
        #expect(try pulled([]).filter { $0 == device.id }.count == 3)
        #expect(try pulled([.leaveOutOwn]) == [colleagueDevice.id, colleagueDevice.id])
        #expect(try pulled([.leaveOutOwn, .deflate]).count == 2)
    }

    @Test func aSessionOfAnEarlierVersionMayNotAskForOptions() throws {
        let server = try serverStore()
        let (store, _) = try clientStore("officer.zhang", enrolledAt: server)
        let (session, _, _) = try welcomedSession(store, server: server, versions: 2...3)
        guard case .sendAndClose(.error(let error)) = session.handle(.pull(Pull(after: 0, limit: 10, options: .deflate))) else {
            Issue.record("a version 3 session took pull options"); return
        }
        #expect(error.code == .unexpectedMessage)
    }

    /// A device asks to leave its own events out only when it holds its chain whole as far as the
    /// server does; one restored from an older copy does not (``RestoredDeviceTests`` get them back).
    @Test func aChainIsWholeOnlyWithEveryEventThroughTheOneTheServerHolds() throws {
        let server = try serverStore()
        let (officer, device) = try clientStore("officer.zhang", enrolledAt: server)
        try record(2, in: officer, by: device)
        #expect(try officer.holdsWholeChain(of: device.id, through: 2))
        #expect(try !officer.holdsWholeChain(of: device.id, through: 3))
        _ = try converse(clientSession(officer, .sync), serverSessionOf(server))
        #expect(try officer.holdsWholeChain(of: device.id, through: try server.highestCseq(of: device.id)))
    }
}

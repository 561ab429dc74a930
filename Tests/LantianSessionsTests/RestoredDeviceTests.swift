import Foundation
import LantianDomain
import LantianStore
import LantianTestSupport
import Testing
@testable import LantianSessions

/// A device whose store is put back to an older copy hands out sequence numbers the server already
/// holds from it. It recovers: nothing it recorded is lost, nothing is stored twice, and what the
/// server holds stays attributed to the device that sent it.
@Suite struct RestoredDeviceTests {
    /// Syncs `store` with `server` as `lantian sync` does: one session, and another if the first
    /// recorded events again under a new device id.
    func sync(_ store: EventStore, with server: EventStore) throws -> SyncReport {
        let first = try #require(try converse(clientSession(store, .sync), serverSessionOf(server)))
        guard first.needsAnotherSession else { return first }
        return first.followed(by: try #require(try converse(clientSession(store, .sync), serverSessionOf(server))))
    }

    /// An officer syncs 3 events; a copy of the store is kept; 2 more are synced; the copy is put back.
    func officerBackAtAnOlderCopy(server: EventStore) throws -> (restored: EventStore, lost: [Event], device: LocalDevice) {
        let (officer, device) = try clientStore("officer.zhang", enrolledAt: server)
        try record(3, in: officer, by: device)
        _ = try sync(officer, with: server)
        let copy = try temporaryPath("copy")
        try officer.backup(to: copy)
        try KeyFile.copy(fromStore: officer.path, toStore: copy)  // the phone's backup holds its key too
        try record(2, in: officer, by: device)
        _ = try sync(officer, with: server)
        let lost = try officer.events(of: device.id, after: 3, limit: 10)
        return (try EventStore(path: copy), lost, device)
    }

    @Test(arguments: [1, 2, 3])
    func eventsRecordedOnTheOlderCopyAreRecordedAgainUnderANewDeviceAndNothingIsDuplicated(newEvents: Int) throws {
        let server = try serverStore()
        let (restored, lost, old) = try officerBackAtAnOlderCopy(server: server)
        try record(newEvents, in: restored, by: old)  // cseq 4… again: they clash with what the server holds
        let recordedOnCopy = try restored.events(of: old.id, after: 3, limit: 10)

        let report = try sync(restored, with: server)

        #expect(report.replacedDevice == old.id && report.recordedAgain == newEvents && report.pushed == newEvents)
        let new = try #require(try restored.localDevice())
        #expect(new.id != old.id && new.actor == old.actor)
        let held = try server.allEvents().filter { $0.type == FirePointReport.eventType }
        #expect(held.count == 5 + newEvents && Set(held.map(\.id)).count == held.count)
        #expect(held.filter { $0.device == old.id }.map(\.cseq) == [1, 2, 3, 4, 5], "the server's events of the old device changed")
        #expect(Set(held.filter { $0.device == old.id }.map(\.id)).isSuperset(of: lost.map(\.id)))
        let again = held.filter { $0.device == new.id }
        #expect(again.map(\.cseq) == Array(1...Int64(newEvents)))
        #expect(again.map(\.id) == recordedOnCopy.map(\.id) && again.map(\.payload) == recordedOnCopy.map(\.payload)
                && again.map(\.hlc) == recordedOnCopy.map(\.hlc), "an event recorded on the copy changed")
        let onDevice = try restored.allEvents().filter { $0.type == FirePointReport.eventType }
        #expect(Set(onDevice.map(\.id)) == Set(held.map(\.id)) && onDevice.count == held.count)
        #expect(try restored.pendingCount(device: new.id) == 0 && restored.setAsideCount() == 0)
        #expect(try sync(restored, with: server).pushed == 0)
    }

    @Test func aCopyWhoseUnsyncedEventsReachedTheServerLaterCarriesOnAsTheSameDevice() throws {
        let server = try serverStore()
        let (officer, device) = try clientStore("officer.zhang", enrolledAt: server)
        try record(3, in: officer, by: device)
        _ = try sync(officer, with: server)
        try record(2, in: officer, by: device)
        let copy = try temporaryPath("copy")
        try officer.backup(to: copy)  // holds 4 and 5, not yet synced
        try KeyFile.copy(fromStore: officer.path, toStore: copy)
        _ = try sync(officer, with: server)
        let restored = try EventStore(path: copy)
        try record(1, in: restored, by: device)

        let report = try sync(restored, with: server)

        #expect(report.replacedDevice == nil && report.pushed == 1)
        #expect(try server.highestCseq(of: device.id) == 6 && restored.localDevice()?.id == device.id)
    }

    @Test func aStoreSetAsideThenCutBeforeItCaughtUpRecordsNothingAgainUntilItHas() throws {
        let server = try serverStore()
        let (restored, _, old) = try officerBackAtAnOlderCopy(server: server)
        try record(2, in: restored, by: old)
        #expect(try converse(clientSession(restored, .sync), serverSessionOf(server), dropping: "page") == nil)
        #expect(try restored.setAsideCount() == 2, "the events are set aside until the pull catches up")

        let report = try sync(restored, with: server)

        #expect(report.recordedAgain == 2 && report.pushed == 2)
        #expect(try server.allEvents().filter { $0.type == FirePointReport.eventType }.count == 7)
    }
}

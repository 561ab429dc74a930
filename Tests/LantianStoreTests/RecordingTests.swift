import Foundation
import GRDB
import LantianDomain
import LantianWire
import Testing
@testable import LantianStore

@Suite struct RecordingTests {
    @Test func aProjectionFoldedBeforeSeesEveryEventStoredSinceEvenByAnotherConnection() throws {
        let (store, path) = try temporaryStore()
        let device = try store.setUpLocalDevice(actor: "officer.zhang", server: nil)
        _ = try store.record(try fireDraft("first"), device: device, now: time(1_000))
        #expect(try store.folded(FirePoints.self).all.map(\.note) == ["first"])
        #expect(try store.folded(FirePoints.self).all.map(\.note) == ["first"])  // the same, from the fold kept

        let other = try EventStore(path: path)  // as `lantiand enroll` writes while the server runs
        _ = try other.record(try fireDraft("second"), device: device, now: time(2_000))
        #expect(try store.folded(FirePoints.self).all.map(\.note).sorted() == ["first", "second"])
        _ = try store.record([try EventDraft(subject: UUID(), payload: UserRegistered(name: "staff.wang", role: .townshipStaff,
                                                                                        scope: "371502001"))], device: device, now: time(3_000))
        #expect(try store.folded(FirePoints.self).all.count == 2)  // other types leave it be
        #expect(try store.directory().users.keys.sorted() == ["staff.wang"])
    }

    @Test func recordingAssignsGapFreeSequenceNumbersStartingAtOne() throws {
        let (store, _) = try temporaryStore()
        let device = try store.setUpLocalDevice(actor: "officer.zhang", server: nil)
        let events = try (0..<5).map { _ in try store.record(try fireDraft(), device: device, now: time(1_000)) }
        #expect(events.map(\.cseq) == [1, 2, 3, 4, 5])
        #expect(Set(events.map(\.id)).count == 5)
        #expect(events.allSatisfy { $0.id.version == 7 && $0.actor == "officer.zhang" && $0.device == device.id })
    }

    @Test func clockReadingsIncreaseEvenWhenTheWallClockGoesBack() throws {
        let (store, _) = try temporaryStore()
        let device = try store.setUpLocalDevice(actor: "officer.zhang", server: nil)
        let first = try store.record(try fireDraft(), device: device, now: time(50_000))
        let second = try store.record(try fireDraft(), device: device, now: time(10_000))
        #expect(second.hlc > first.hlc)
        #expect(second.recordedAt == time(10_000))  // the device's own clock is kept as it was
    }

    @Test func aNewClockReadingIsLaterThanEveryEventPulledFromOthers() throws {
        let (store, _) = try temporaryStore()
        let device = try store.setUpLocalDevice(actor: "officer.zhang", server: nil)
        var foreign = try #require(try Self.foreignEvent())
        foreign.hlc = clock(90_000, counter: 3)
        try store.storePulled(Page(events: [AcceptedEvent(event: foreign, sseq: 1, receivedAt: time(100_000))], head: 1))
        let own = try store.record(try fireDraft(), device: device, now: time(10_000))
        #expect(own.hlc == clock(90_000, counter: 4))
    }

    @Test func storedEventsCanBeNeitherChangedNorDeleted() throws {
        let (store, _) = try temporaryStore()
        let device = try store.setUpLocalDevice(actor: "officer.zhang", server: nil)
        let event = try store.record(try fireDraft("原始记录"), device: device, now: time(1_000))
        #expect(throws: DatabaseError.self) {
            try store.database.write { try $0.execute(sql: "UPDATE event SET payload = x'00'") }
        }
        #expect(throws: DatabaseError.self) {
            try store.database.write { try $0.execute(sql: "DELETE FROM event") }
        }
        #expect(try store.event(id: event.id) == event)
    }

    @Test func setUpKeepsTheDeviceIdAcrossChanges() throws {
        let (store, path) = try temporaryStore()
        let first = try store.setUpLocalDevice(actor: "officer.zhang", server: "127.0.0.1:7700")
        let again = try EventStore(path: path).setUpLocalDevice(actor: "officer.li", server: "10.1.1.1:7700")
        #expect(again.id == first.id)
        #expect(try store.localDevice() == again)
    }

    @Test func reopeningAStoreKeepsItsEpochAndEvents() throws {
        let (store, path) = try temporaryStore()
        let device = try store.setUpLocalDevice(actor: "officer.zhang", server: nil)
        _ = try store.record(try fireDraft(), device: device, now: time(1_000))
        let reopened = try EventStore(path: path)
        #expect(reopened.epoch == store.epoch)
        #expect(try reopened.count() == 1)
    }

    @Test func aFileThatIsNotAStoreIsRefusedAndLeftAsItWas() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-store-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let content = Data(String(repeating: "这不是数据库 ", count: 200).utf8)
        #expect(FileManager.default.createFile(atPath: path, contents: content))
        #expect(throws: StoreError.notAStore(path: path)) { try EventStore(path: path) }
        #expect(FileManager.default.contents(atPath: path) == content)
    }

    static func foreignEvent() throws -> Event? {
        let (other, _) = try temporaryStore("other")
        let device = try other.setUpLocalDevice(actor: "officer.li", server: nil)
        return try other.record(try fireDraft(), device: device, now: time(500))
    }
}

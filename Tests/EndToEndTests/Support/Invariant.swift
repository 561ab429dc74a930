import Foundation
import LantianDomain
import LantianStore
import Testing

/// Records `count` fire reports straight into a device's store, in one transaction: a backlog
/// built faster than `count` runs of `lantian fire report`, through the same store code.
func recordBacklog(_ count: Int, on device: FieldDevice, note: String = "积压") throws {
    let store = try EventStore(path: device.store)
    let local = try #require(try store.localDevice())
    let drafts = try (0..<count).map { index in
        let report = try FirePointReport(location: try GeoPoint(latitude: 36.45, longitude: 115.98),
                                         observedAt: Timestamp(millisecondsSince1970: 1_780_000_000_000), note: "\(note) \(index)")
        return try EventDraft(subject: UUID(), payload: report)
    }
    _ = try store.record(drafts, device: local, now: Timestamp(millisecondsSince1970: Int64(Date().timeIntervalSince1970 * 1000)))
}

/// The invariant every interruption test ends with: the server holds exactly the union of the
/// events the devices recorded, each once and byte for byte; every device holds all of them, once,
/// and holds the event its cursor names;
/// nothing is waiting; and the devices show the same fire points. (The server's own reports of
/// sessions are left out: they are the server's, not the devices'.) `formerDevices` are ids the
/// devices recorded under before a restored store made them take a new one.
func expectConverged(server database: String, devices: [FieldDevice], formerDevices: Set<UUID> = []) throws {
    let held = try EventStore(path: database).allEvents()
    #expect(held.count == Set(held.map(\.id)).count, "the server holds an event twice")
    var recorded: [UUID: Event] = [:]
    var fieldDevices = formerDevices
    for device in devices {
        let store = try EventStore(path: device.store)
        let own = try #require(try store.localDevice()).id
        fieldDevices.insert(own)
        for event in try store.allEvents() where event.device == own || formerDevices.contains(event.device) { recorded[event.id] = event }
    }
    let fromDevices = held.filter { fieldDevices.contains($0.device) }
    #expect(fromDevices.count == recorded.count, "the server holds \(fromDevices.count) of the devices' events, they recorded \(recorded.count)")
    #expect(fromDevices.allSatisfy { recorded[$0.id] == $0 }, "the server holds an event the devices did not record, or a different one")
    for device in devices {
        let events = try EventStore(path: device.store).allEvents()
        #expect(events.count == Set(events.map(\.id)).count, "\(device.store) holds an event twice")
        #expect(Set(events.filter { fieldDevices.contains($0.device) }.map(\.id)) == Set(recorded.keys), "\(device.store) misses events")
        #expect(try device.status().pending == 0)
        let state = try EventStore(path: device.store).syncState()  // the cursor matches what the device stored
        #expect(state.cursor <= (try EventStore(path: database).head()) && (state.cursorEvent.map { id in events.contains { $0.id == id } } ?? true),
                "\(device.store)'s cursor names an event it does not hold")
    }
    let firePoints = try devices.map { try Set($0.firePoints()) }
    #expect(firePoints.allSatisfy { $0 == firePoints[0] }, "the devices show different fire points")
}

import Foundation
import LantianDomain
@testable import LantianStore

/// A store in a fresh temporary folder, for one test.
func temporaryStore(_ name: String = "store") throws -> (EventStore, path: String) {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lantian-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("\(name).sqlite").path
    return (try EventStore(path: path), path)
}

/// A moment `milliseconds` after the tests' epoch, 2026-05-28 (a real time: stores refuse events
/// dated before 2000).
func time(_ milliseconds: Int64) -> Timestamp { Timestamp(millisecondsSince1970: 1_780_000_000_000 + milliseconds) }

/// The clock reading at `time(milliseconds)`.
func clock(_ milliseconds: Int64, counter: UInt16 = 0) -> HybridTimestamp {
    HybridTimestamp(wallMilliseconds: time(milliseconds).millisecondsSince1970, counter: counter)
}

func fireDraft(_ note: String = "") throws -> EventDraft {
    let report = try FirePointReport(location: try GeoPoint(latitude: 36.45, longitude: 115.98), node: "371502001001",
                                     observedAt: time(1_000), note: note)
    return try EventDraft(subject: UUID(), payload: report)
}

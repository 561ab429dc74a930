import Foundation
import LantianTestSupport
import Testing
@testable import LantianDomain

@Suite struct FirePointsTests {
    @Test(arguments: 0..<20)
    func everyDeliveryOrderGivesTheSameFirePoints(seed: Int) {
        let events = (1...6).map { Sample.event(cseq: $0, device: $0.isMultiple(of: 2) ? Sample.device : Sample.otherDevice) }
        var random = SeededRandom(seed: UInt64(seed))
        #expect(FirePoints.fold(events.shuffled(using: &random)).all == FirePoints.fold(events).all)
    }

    @Test func aFirePointNamesWhoReportedItAndFromWhichDevice() throws {
        let event = Sample.event(cseq: 1)
        let point = try #require(FirePoints.fold([event]).all.first)
        #expect(point.id == event.subject)
        #expect(point.reportedBy == "officer.zhang")
        #expect(point.reportedFrom == Sample.device)
        #expect(point.note == "麦茬地冒烟")
    }

    @Test func anUnreadablePayloadIsKeptInSightNotDropped() {
        var broken = Sample.event(cseq: 2)
        broken.payload = Data("{\"lat\": 95".utf8)
        let points = FirePoints.fold([Sample.event(cseq: 1), broken])
        #expect(points.all.count == 1)
        #expect(points.orphans == [broken.id])
    }

    @Test func aLocationOutsideTheGlobeIsRefusedNamingTheField() {
        #expect(throws: InvalidValue(field: "latitude", rule: .outOfRange(min: -90, max: 90))) {
            try GeoPoint(latitude: 95, longitude: 115)
        }
        #expect(throws: InvalidValue(field: "longitude", rule: .outOfRange(min: -180, max: 180))) {
            try GeoPoint(latitude: 36, longitude: .nan)
        }
    }

    @Test func aNoteLongerThanTheLimitIsRefused() throws {
        let point = try GeoPoint(latitude: 36, longitude: 115)
        let note = String(repeating: "烟", count: FirePointReport.maxNoteCharacters + 1)
        #expect(throws: InvalidValue(field: "note", rule: .tooLong(maxCharacters: FirePointReport.maxNoteCharacters))) {
            try FirePointReport(location: point, observedAt: Timestamp(millisecondsSince1970: 0), note: note)
        }
    }
}

import Foundation
import LantianTestSupport
import Testing
@testable import LantianDomain

/// Every value that came from an event may be anything its JSON type holds: no fold, review or
/// calendar computation traps on one. An impossible value shows as such.
@Suite struct TotalityTests {
    static let extremes: [Int64] = [.min, .min + 1, -86_400_001, -1, 0, 1_000_000_000_000_000, .max - 1, .max]

    @Test(arguments: extremes)
    func anyTimeHasACalendarDateAndAMonth(milliseconds: Int64) {
        let time = Timestamp(millisecondsSince1970: milliseconds)
        let civil = BeijingTime.civil(time)
        #expect((1...12).contains(civil.month) && (1...31).contains(civil.day) && (0...23).contains(civil.hour))
        #expect(!BeijingTime.format(time).isEmpty && !BeijingTime.iso8601(time).isEmpty)
        #expect(ReviewMonth(containing: time).contains(time))
        #expect(RiskySlot.derived(from: time) != .beforeRain)
    }

    @Test func theYear33658IsShownAsItIs() {
        #expect(BeijingTime.format(Timestamp(millisecondsSince1970: 1_000_000_000_000_000)) == "33658-09-27 09:46")
    }

    /// The calendar is plain arithmetic: it agrees with Foundation's on every day of four centuries.
    @Test(arguments: 0..<8)
    func theCalendarAgreesWithFoundation(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(secondsFromGMT: 8 * 3600))
        for _ in 0..<500 {
            let milliseconds = Int64.random(in: -2_208_988_800_000...7_258_118_400_000, using: &random)  // 1900 to 2200
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            let expected = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            let civil = BeijingTime.civil(Timestamp(millisecondsSince1970: milliseconds))
            #expect([Int(civil.year), civil.month, civil.day, civil.hour, civil.minute]
                    == [expected.year, expected.month, expected.day, expected.hour, expected.minute].map { $0 ?? -1 })
            let minute = milliseconds - ((milliseconds % 60_000) + 60_000) % 60_000
            if milliseconds >= 0 {
                #expect(try BeijingTime.parse(BeijingTime.format(Timestamp(millisecondsSince1970: minute))).millisecondsSince1970 == minute)
            }
        }
    }

    @Test func reviewsOfImpossibleTimesDoNotTrap() throws {
        var story = Chronicle()
        let point = UUID()
        story.record(try FirePointReport(location: GeoPoint(latitude: 36.45, longitude: 115.98),
                                         observedAt: Timestamp(millisecondsSince1970: .max), note: ""), about: point)
        story.record(FireResponseRecorded(extinguishedAt: Timestamp(millisecondsSince1970: .min), by: "x"), about: point)
        let ticket = UUID()
        story.record(TicketReported(category: .dust, node: "1", title: "t"), about: ticket, at: Timestamp(millisecondsSince1970: .min))
        story.record(TicketStep.Kind.assigned.eventType, about: ticket, TicketStep(assignee: "a", deadline: Timestamp(millisecondsSince1970: .max)),
                     by: "staff.wang", at: Timestamp(millisecondsSince1970: .max))
        let points = FirePoints.fold(story.events).all
        #expect(points.first?.responseMinutes == Int64.min / 60_000)
        for month in [ReviewMonth(containing: Timestamp(millisecondsSince1970: .max)), ReviewMonth(year: 2026, month: 10)] {
            _ = StrawBurningReview(points: points.map(FirePointSummary.init), grid: Grid(), month: month)
            let tickets = Tickets.fold(story.events).all.map(TicketSummary.init)
            _ = IssueReview(tickets: tickets, grid: Grid(), month: month, now: Timestamp(millisecondsSince1970: .max))
            _ = month.end
            for end in [Timestamp(millisecondsSince1970: .min), Timestamp(millisecondsSince1970: .max)] {
                _ = IssueTimeline(tickets: tickets, weeks: 8, endingAt: end)
                _ = IssueTimeline.span(weeks: 8, endingAt: end)
            }
        }
        var report = DeviceSyncReported(device: UUID(), actor: "a", recordedCseq: .max, acknowledgedCseq: .min, synced: true)
        _ = report.waiting
        report.recordedCseq = .min
        #expect(report.waiting == 0 || report.waiting > 0)
    }
}

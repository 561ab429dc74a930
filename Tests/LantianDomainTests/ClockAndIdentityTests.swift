import Foundation
import LantianTestSupport
import Testing
@testable import LantianDomain

@Suite struct HybridTimestampTests {
    @Test func readingsIncreaseEvenWhenTheWallClockGoesBack() {
        let first = HybridTimestamp.zero.next(now: Timestamp(millisecondsSince1970: 10_000))
        let second = first.next(now: Timestamp(millisecondsSince1970: 9_000))
        let third = second.next(now: Timestamp(millisecondsSince1970: 9_500))
        #expect(first < second && second < third)
        #expect(third == HybridTimestamp(wallMilliseconds: 10_000, counter: 2))
    }

    @Test func aWallClockAheadOfTheLastReadingResetsTheCounter() {
        let reading = HybridTimestamp(wallMilliseconds: 10_000, counter: 7).next(now: Timestamp(millisecondsSince1970: 10_001))
        #expect(reading == HybridTimestamp(wallMilliseconds: 10_001, counter: 0))
    }

    @Test func aFullCounterMovesToTheNextMillisecond() {
        let reading = HybridTimestamp(wallMilliseconds: 10_000, counter: .max).next(now: Timestamp(millisecondsSince1970: 0))
        #expect(reading == HybridTimestamp(wallMilliseconds: 10_001, counter: 0))
    }

    /// The largest reading stays the largest: nothing a device holds can make its clock trap.
    @Test func theEndOfTimeStaysTheEndOfTime() {
        #expect(HybridTimestamp.max.next(now: Timestamp(millisecondsSince1970: .max)) == .max)
        #expect(HybridTimestamp(packed: .max) == .max)
        #expect(HybridTimestamp(wallMilliseconds: .max, counter: 0).wallMilliseconds == HybridTimestamp.maxWallMilliseconds)
        #expect(HybridTimestamp(wallMilliseconds: .min, counter: 0) == .zero)
    }

    @Test func packingKeepsTheOrder() {
        let earlier = HybridTimestamp(wallMilliseconds: 1_780_000_000_000, counter: .max)
        let later = HybridTimestamp(wallMilliseconds: 1_780_000_000_001, counter: 0)
        #expect(earlier.packed < later.packed)
        #expect(HybridTimestamp(packed: later.packed) == later)
        #expect(HybridTimestamp(packed: -1) == nil)
    }
}

@Suite struct UUIDVersion7Tests {
    @Test func carriesVersionVariantAndTime() {
        var random = SeededRandom(seed: 1)
        let id = UUID.version7(at: Timestamp(millisecondsSince1970: 0x0192_F0C4_1234), using: &random)
        #expect(id.version == 7)
        #expect(id.bytes[8] >> 6 == 0b10)
        #expect(Array(id.bytes.prefix(6)) == [0x01, 0x92, 0xF0, 0xC4, 0x12, 0x34])
    }

    @Test func laterIdsSortAfterEarlierOnes() {
        var random = SeededRandom(seed: 2)
        let ids = (0..<100).map { UUID.version7(at: Timestamp(millisecondsSince1970: 1_780_000_000_000 + Int64($0)), using: &random) }
        #expect(ids == ids.sorted(by: UUID.precedesInByteOrder))
    }
}

@Suite struct BeijingTimeTests {
    @Test func beijingTimeIsEightHoursAheadOfUTC() throws {
        let time = try BeijingTime.parse("2026-06-01 19:30")
        #expect(time.millisecondsSince1970 == 1_780_313_400_000)  // 2026-06-01T11:30:00Z
        #expect(BeijingTime.format(time) == "2026-06-01 19:30")
        #expect(BeijingTime.iso8601(time) == "2026-06-01T19:30:00+08:00")
    }

    @Test(arguments: ["2026-02-30 10:00", "2026-06-01", "yesterday", "2026-06-01 25:00", "2026-13-01 10:00"])
    func impossibleTimesAreRefused(_ text: String) {
        #expect(throws: InvalidValue(field: "time", rule: .invalidTime)) { try BeijingTime.parse(text) }
    }
}

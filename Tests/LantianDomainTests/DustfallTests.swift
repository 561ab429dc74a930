import Foundation
import LantianTestSupport
import Testing
@testable import LantianDomain

@Suite struct DustfallTests {
    // Worked by hand: (0.1600 − 0.0050) g / (0.0200 m² × 31 d) × 30 = 0.155 / 0.62 × 30 = 7.5 t/(km²·30 d)
    static let a = DustfallJar(label: .a, sampleMassGrams: 0.1600, blankMassGrams: 0.0050, openingAreaSquareMetres: 0.0200, exposureDays: 31)
    // Worked by hand: (0.2850 − 0.0050) g / (0.0250 m² × 28 d) × 30 = 0.28 / 0.7 × 30 = 12.0 t/(km²·30 d)
    static let b = DustfallJar(label: .b, sampleMassGrams: 0.2850, blankMassGrams: 0.0050, openingAreaSquareMetres: 0.0250, exposureDays: 28)

    func close(_ value: Double?, _ expected: Double) -> Bool { value.map { abs($0 - expected) < 1e-9 } ?? false }

    @Test func dustfallIsNetMassPerAreaPerThirtyDays() {
        #expect(close(Self.a.dustfall, 7.5))
        #expect(close(Self.b.dustfall, 12.0))
    }

    @Test func jarAGivesTheValueWhenValidEvenIfBDiffers() {
        let reading = DustfallReadingRecorded(station: "S1", month: "2026-10", jars: [Self.b, Self.a])
        #expect(close(reading.dustfall, 7.5))  // not the average, 9.75
        #expect(reading.valueJar == .a)
    }

    @Test func jarBGivesTheValueOnlyWhenAGivesNone() {
        var knockedOver = Self.a
        knockedOver.markedInvalid = true
        #expect(close(DustfallReadingRecorded(station: "S1", month: "2026-10", jars: [knockedOver, Self.b]).dustfall, 12.0))

        var lighterThanBlank = Self.a
        lighterThanBlank.sampleMassGrams = 0.0040
        let reading = DustfallReadingRecorded(station: "S1", month: "2026-10", jars: [lighterThanBlank, Self.b])
        #expect(close(reading.dustfall, 12.0))
        #expect(reading.valueJar == .b)
    }

    @Test func withNoUsableJarThereIsNoValue() {
        var invalidB = Self.b
        invalidB.markedInvalid = true
        var invalidA = Self.a
        invalidA.markedInvalid = true
        #expect(DustfallReadingRecorded(station: "S1", month: "2026-10", jars: [invalidA, invalidB]).dustfall == nil)
        #expect(DustfallReadingRecorded(station: "S1", month: "2026-10", jars: []).dustfall == nil)
    }

    @Test func impossibleMeasurementsAreRefusedNamingTheField() {
        var negative = Self.a
        negative.sampleMassGrams = -0.1
        #expect(throws: InvalidValue(field: "jar A sample mass", rule: .outOfRange(min: 0, max: 10_000))) { try negative.validate() }
        var noExposure = Self.b
        noExposure.exposureDays = 0
        #expect(throws: InvalidValue(field: "jar B exposure days", rule: .outOfRange(min: 25, max: 35))) { try noExposure.validate() }
        var lighter = Self.b
        lighter.sampleMassGrams = lighter.blankMassGrams / 2
        #expect(throws: InvalidValue(field: "jar B sample mass", rule: .lighterThanBlank)) { try lighter.validate() }
        lighter.markedInvalid = true
        #expect(throws: Never.self) { try lighter.validate() }
        var noOpening = Self.b
        noOpening.openingAreaSquareMetres = 0
        #expect(throws: InvalidValue(field: "jar B opening area", rule: .mustBePositive)) { try noOpening.validate() }
        #expect(noExposure.dustfall == nil)
    }

    @Test func theLimitIsNineUnlessSetForTheNodeOrAnAncestorThatYear() {
        let grid = GridTests.grid
        let settings = [DustfallLimitSet(node: "371502", year: 2026, limit: 8.0), DustfallLimitSet(node: "371502001", year: 2027, limit: 7.0)]
        #expect(DustfallLimit.limit(for: "371502001", year: 2026, in: grid, settings: settings) == 8.0)
        #expect(DustfallLimit.limit(for: "371502001", year: 2027, in: grid, settings: settings) == 7.0)
        #expect(DustfallLimit.limit(for: "371502001", year: 2025, in: grid, settings: settings) == 9.0)
        #expect(DustfallLimit.limit(for: "371500", year: 2026, in: grid, settings: settings) == 9.0)
    }
}

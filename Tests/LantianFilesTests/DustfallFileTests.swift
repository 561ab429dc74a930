import Foundation
import LantianDomain
import Testing
@testable import LantianFiles

@Suite struct DustfallFileTests {
    static let now = try! BeijingTime.parse("2026-11-20 12:00")

    @Test func rowsOfAStationsMonthFormOneReadingWithExposureFromTheDates() throws {
        let path = try scratchFile("d.csv", """
            station,jar,sampleGrams,blankGrams,openingSquareMetres,start,end,invalid
            GL-01,A,0.1600,0.0050,0.0200,2026-10-01,2026-11-01,
            GL-01,B,0.2850,0.0050,0.0250,2026-10-01,2026-10-29,yes
            """, bom: true)
        let file = try DustfallFile(path: path, now: Self.now)
        #expect(file.problems.isEmpty)
        let reading = try #require(file.readings.first)
        #expect(reading.station == "GL-01" && reading.month == "2026-10")
        #expect(reading.jars.map(\.exposureDays) == [31, 28])
        #expect(reading.jars.map(\.markedInvalid) == [false, true])
    }

    @Test func aReadingWithAnUnusableRowIsLeftOutWholeAndEveryRowNamed() throws {
        let path = try scratchFile("d.csv", """
            station,jar,sampleGrams,blankGrams,openingSquareMetres,start,end
            GL-01,A,0.1600,0.0050,0.0200,2026-10-01,2026-11-01
            GL-01,B,heavy,0.0050,0.0250,2026-10-01,2026-10-29
            GL-02,A,0.2850,0.0050,0.0250,2026-10-01,2026-10-01
            GL-03,C,0.2850,0.0050,0.0250,2026-10-01,2026-10-29
            GL-04,A,0.2850,0.0050,0.0250,2026-10-01,2026-10-29
            """)
        let file = try DustfallFile(path: path, now: Self.now)
        #expect(file.readings.map(\.station) == ["GL-04"])
        #expect(file.problems.map(\.description) == [
            "line 2: left out with the rest of GL-01 2026-10",
            "line 3: sampleGrams must be a number",
            "line 4: \(InvalidValue(field: "jar A exposure days", rule: .outOfRange(min: 25, max: 35)).message(in: .english))",
            "line 5: jar must be A or B",
        ])
        #expect(file.problems[0].message(in: .chinese) == "第 2 行：随 GL-01 2026-10 的其他行一并未导入")
    }

    /// Finding 3 of the field-client review: a row ending after today, a jar open 45 days and a
    /// sample lighter than its blank were imported as readings.
    @Test func impossibleRowsAreLeftOutWithTheirReason() throws {
        let path = try scratchFile("d.csv", """
            station,jar,sampleGrams,blankGrams,openingSquareMetres,start,end,invalid
            GL-01,A,0.1600,0.0050,0.0200,2026-11-01,2026-12-01,
            GL-02,A,0.1600,0.0050,0.0200,2026-09-01,2026-10-16,
            GL-03,A,0.0040,0.0050,0.0200,2026-10-01,2026-10-30,
            GL-04,A,0.0040,0.0050,0.0200,2026-10-01,2026-10-30,yes
            """)
        let file = try DustfallFile(path: path, now: Self.now)
        #expect(file.readings.map(\.station) == ["GL-04"])
        #expect(file.problems.map { $0.message(in: .chinese) } == [
            "第 2 行：end 2026-12-01 晚于今天：缸还没有收回，收回后再导入",
            "第 3 行：\(InvalidValue(field: "jar A exposure days", rule: .outOfRange(min: 25, max: 35)).message(in: .chinese))",
            "第 4 行：\(InvalidValue(field: "jar A sample mass", rule: .lighterThanBlank).message(in: .chinese))",
        ])
    }

    @Test func aFileWithoutTheColumnsIsRefusedWhole() throws {
        let path = try scratchFile("d.csv", "station,value\nGL-01,7.5\n")
        #expect(throws: ImportError.wrongFormat(path: path, expected: Phrase("降尘 CSV（station,jar,sampleGrams,blankGrams,openingSquareMetres,start,end,invalid）",
                                                                                           "a dust-fall CSV (station,jar,sampleGrams,blankGrams,openingSquareMetres,start,end,invalid)"),
                                                missing: "jar")) { try DustfallFile(path: path, now: Self.now) }
    }
}

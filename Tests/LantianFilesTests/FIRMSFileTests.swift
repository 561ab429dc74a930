import Foundation
import LantianDomain
import Testing
@testable import LantianFiles

@Suite struct FIRMSFileTests {
    static let modis = fixtures.appendingPathComponent("firms-modis-c61-nrt-2022-05-28-to-06-03-north-china.csv").path

    @Test func theMODISFixtureReadsWholeByHeaderNames() throws {
        let file = try FIRMSFile(path: Self.modis)
        #expect(file.instrument == "MODIS")
        #expect(file.detections.count == 736)
        #expect(file.problems.isEmpty)
        let first = try #require(file.detections.first)
        #expect(first.line == 2 && first.confidence == .percent(33) && first.satellite == "A")
        #expect(first.location == (try GeoPoint(latitude: 32.95585, longitude: 114.07358)))
        // Finding 5 of the field-client review: the note read "MODIS A confidence 33% FRP …".
        #expect(first.chineseNote.hasPrefix("MODIS（卫星 A）置信度 33%"), "\(first.chineseNote)")
        #expect(first.chineseNote.contains("火点辐射功率") == (first.frp != nil))
    }

    @Test func acquisitionTimesAreUTCAndBeijingTimeRollsTheDateOver() throws {
        let path = try scratchFile("f.csv", """
            longitude,latitude,acq_time,acq_date,confidence,bright_t31,brightness,satellite
            115.9,36.4,1700,2022-05-28,80,300.1,320.5,T
            115.9,36.4,536,2022-05-28,80,300.1,320.5,T
            """)  // columns in another order: read by name
        let file = try FIRMSFile(path: path)
        #expect(file.detections.map { BeijingTime.format($0.observedAt) } == ["2022-05-29 01:00", "2022-05-28 13:36"])
    }

    @Test func theVIIRSLayoutReadsItsLetterConfidences() throws {
        let path = try scratchFile("v.csv", """
            latitude,longitude,bright_ti4,scan,track,acq_date,acq_time,satellite,instrument,confidence,version,bright_ti5,frp,daynight
            36.4,115.9,330.2,0.4,0.4,2022-05-30,0518,N,VIIRS,n,2.0NRT,290.1,3.5,D
            36.5,115.8,340.2,0.4,0.4,2022-05-30,0518,N,VIIRS,h,2.0NRT,291.1,9.5,D
            """, bom: true)
        let file = try FIRMSFile(path: path)
        #expect(file.instrument == "VIIRS")
        #expect(file.detections.map(\.confidence) == [.level(.nominal), .level(.high)])
        #expect(file.detections.map(\.frp) == [3.5, 9.5])
    }

    @Test func unparseableRowsAreReportedByLineAndTheRestAreKept() throws {
        let path = try scratchFile("bad.csv", """
            latitude,longitude,brightness,acq_date,acq_time,satellite,confidence,bright_t31
            36.4,115.9,320,2022-05-28,0536,A,80,300
            north,115.9,320,2022-05-28,0536,A,80,300
            36.4,115.9,320,2022-05-28,2575,A,80,300
            36.4,115.9,320,2022-05-28,0536,A,180,300
            95,115.9,320,2022-05-28,0536,A,80,300
            36.5,115.8,320,2022-05-28,0536,A,50,300
            """)
        let file = try FIRMSFile(path: path)
        #expect(file.detections.map(\.line) == [2, 7])
        #expect(file.problems.map(\.line) == [3, 4, 5, 6])
        #expect(file.problems[0].reason.english == "latitude and longitude must be numbers")
        #expect(file.problems[1].reason.english.contains("acq_time HHMM (UTC)"))
        #expect(file.problems[2].reason.english == "confidence '180' is not 0–100")
        #expect(file.problems[3].reason.english == "latitude 95.0 is out of range")
    }

    @Test func aFileThatIsNotFIRMSIsRefusedWhole() throws {
        let townships = fixtures.appendingPathComponent("liaocheng/townships.csv").path
        #expect(throws: ImportError.wrongFormat(path: townships, expected: Phrase("NASA FIRMS 火点 CSV（MODIS 或 VIIRS）", "a NASA FIRMS active-fire CSV (MODIS or VIIRS)"),
                                                missing: "latitude")) {
            try FIRMSFile(path: townships)
        }
        let noBrightness = try scratchFile("x.csv", "latitude,longitude,acq_date,acq_time,confidence\n36,115,2022-05-28,0536,80\n")
        #expect(throws: ImportError.self) { try FIRMSFile(path: noBrightness) }
    }
}

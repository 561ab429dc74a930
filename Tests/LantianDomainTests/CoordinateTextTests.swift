import Testing
@testable import LantianDomain

/// Finding 4 of the field-client review: full-width digits, a pasted pair and degrees-minutes-seconds
/// were re-asked without a word. What a phone's keyboard or map app gives reads as a coordinate.
@Suite struct CoordinateTextTests {
    func close(_ value: Double?, _ expected: Double) -> Bool { value.map { abs($0 - expected) < 1e-9 } ?? false }

    static let dms: Double = 36 + 27.0 / 60 + 4.0 / 3600
    static let readable: [(String, Double)] = [
        ("36.4512", 36.4512), ("３６．４５１２", 36.4512), ("36°27′04″", dms), ("36°27'04\"", dms), ("36度27分4秒", dms),
        ("N36°27′", 36.45), ("北纬36.5", 36.5), ("西经80.5", -80.5), ("-80.5", -80.5), ("36 27 04", dms), (" 115.9853 ", 115.9853),
    ]

    @Test(arguments: readable)
    func readsAsDegrees(_ text: String, _ expected: Double) {
        #expect(close(CoordinateText.degrees(text), expected), "\(text) → \(String(describing: CoordinateText.degrees(text)))")
    }

    @Test(arguments: ["", "abc", "36°61′", "36,45", "三十六"])
    func doesNotReadAsDegrees(_ text: String) {
        #expect(CoordinateText.degrees(text) == nil, "\(text)")
    }

    @Test func aPastedPairGivesBoth() {
        for text in ["36.4512,115.9853", "36.4512，115.9853", "３６．４５１２，１１５．９８５３", "36.4512 115.9853", "36°27′04″, 115°59′07″"] {
            let pair = CoordinateText.pair(text)
            #expect(close(pair?.latitude, 36.4512) || close(pair?.latitude, Self.dms), "\(text)")
            #expect(pair != nil, "\(text)")
        }
        #expect(CoordinateText.pair("36 27") == nil)
        #expect(CoordinateText.pair("36.4512") == nil)
    }
}

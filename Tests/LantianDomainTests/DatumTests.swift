import Foundation
import LantianTestSupport
import Testing
@testable import LantianDomain

@Suite struct DatumTests {
    /// Metres between two nearby points (equirectangular; plenty at this scale).
    func metres(_ a: (latitude: Double, longitude: Double), _ b: (latitude: Double, longitude: Double)) -> Double {
        let dy = (a.latitude - b.latitude) * 111_320
        let dx = (a.longitude - b.longitude) * 111_320 * cos(a.latitude * .pi / 180)
        return (dx * dx + dy * dy).squareRoot()
    }

    @Test func theForwardTransformMatchesAPublishedValue() {
        // A widely published test pair of the GCJ-02 transform: WGS 84 (39.915, 116.404) → (39.916404, 116.410244).
        let shifted = GCJ02.fromWGS84(latitude: 39.915, longitude: 116.404)
        #expect(abs(shifted.latitude - 39.91640428) < 1e-6)
        #expect(abs(shifted.longitude - 116.41024450) < 1e-6)
    }

    @Test func convertingToWGS84UndoesTheShiftToWithinAMillimetre() {
        let wgs84 = (latitude: 36.456, longitude: 115.980)  // Liaocheng
        let gcj02 = GCJ02.fromWGS84(latitude: wgs84.latitude, longitude: wgs84.longitude)
        #expect((200...800).contains(metres(gcj02, wgs84)))  // "a few hundred metres"
        #expect(metres(Datum.gcj02.toWGS84(latitude: gcj02.latitude, longitude: gcj02.longitude), wgs84) < 0.001)
    }

    @Test func outsideChinaNothingMoves() {
        let tokyo = Datum.gcj02.toWGS84(latitude: 35.68, longitude: 139.76)
        #expect(tokyo.latitude == 35.68 && tokyo.longitude == 139.76)
        #expect(Datum.wgs84.toWGS84(latitude: 36.4, longitude: 115.9) == (36.4, 115.9))
    }
}

import LantianTestSupport
import Testing
@testable import LantianWire
import LantianDomain
import LantianFraming

@Suite struct FrameDecoderTests {
    let bodies: [[UInt8]] = [[1], [2, 3, 4], Array(repeating: 9, count: 1_000)]

    @Test func framesSplitAtEveryByteAreReassembled() throws {
        let stream = bodies.flatMap(Frame.encode(body:))
        for split in 1..<stream.count {
            var decoder = FrameDecoder(maxBodyBytes: 4_096)
            var received: [[UInt8]] = []
            for chunk in [Array(stream[..<split]), Array(stream[split...])] {
                decoder.append(chunk)
                while let body = try decoder.nextBody() { received.append(body) }
            }
            #expect(received == bodies)
            #expect(decoder.bufferedBytes == 0)
        }
    }

    @Test func severalFramesInOneChunkAreAllDelivered() throws {
        var decoder = FrameDecoder(maxBodyBytes: 4_096)
        decoder.append(bodies.flatMap(Frame.encode(body:)))
        var received: [[UInt8]] = []
        while let body = try decoder.nextBody() { received.append(body) }
        #expect(received == bodies)
    }

    @Test func anOversizedFrameIsRefusedAsSoonAsItsLengthArrives() {
        var decoder = FrameDecoder(maxBodyBytes: 1_024)
        decoder.append([0x7F, 0xFF, 0xFF, 0xFF])  // no body bytes at all yet
        #expect(throws: FrameError.oversized(declaredBytes: 0x7FFF_FFFF, maxBytes: 1_024)) { try decoder.nextBody() }
    }

    @Test func aZeroLengthFrameIsRefused() {
        var decoder = FrameDecoder(maxBodyBytes: 1_024)
        decoder.append([0, 0, 0, 0])
        #expect(throws: FrameError.emptyBody) { try decoder.nextBody() }
    }

    @Test func anIncompleteFrameWaitsForMoreBytes() throws {
        var decoder = FrameDecoder(maxBodyBytes: 1_024)
        decoder.append([0, 0, 0, 3, 1, 2])
        #expect(try decoder.nextBody() == nil)
        decoder.append([3])
        #expect(try decoder.nextBody() == [1, 2, 3])
    }
}

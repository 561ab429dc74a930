import Foundation
import LantianDomain
import LantianTestSupport
import Testing

/// The hand-written payload readers read what Foundation's `JSONDecoder` reads: the same value
/// for every payload both accept, and both accept every canonical payload either accepts. The
/// hand-written writers write what `JSONEncoder` writes, byte for byte.
@Suite struct PayloadReaderTests {
    /// Reads `bytes` both ways and checks they agree (`nil`: neither reads it).
    @discardableResult
    static func agree<Payload: PayloadReadable & Encodable & Equatable>(_: Payload.Type, _ bytes: Data,
                                                                         sourceLocation: SourceLocation = #_sourceLocation) -> Payload? {
        let byHand = try? PayloadCodec.decode(Payload.self, from: bytes)
        let byFoundation = try? PayloadCodec.decodeWithFoundation(Payload.self, from: bytes)
        if let byHand, let byFoundation {
            #expect(byHand == byFoundation, "\(String(decoding: bytes, as: UTF8.self))", sourceLocation: sourceLocation)
        }
        // Written back, by hand and by Foundation: the same bytes.
        if let byHand {
            let written = try? PayloadCodec.encode(byHand), byEncoder = try? PayloadCodec.encodeWithFoundation(byHand)
            #expect(written != nil && written == byEncoder,
                    "\(written.map { String(decoding: $0, as: UTF8.self) } ?? "-") \(byEncoder.map { String(decoding: $0, as: UTF8.self) } ?? "-")",
                    sourceLocation: sourceLocation)
        }
        // A payload admission takes is canonical: there the two must agree on whether it reads at all.
        for (read, other) in [(byHand, byFoundation), (byFoundation, byHand)] {
            if let read, (try? PayloadCodec.encode(read)) == bytes {
                #expect(other != nil, "\(String(decoding: bytes, as: UTF8.self))", sourceLocation: sourceLocation)
            }
        }
        return byHand
    }

    static func text(_ random: inout SeededRandom) -> String {
        let pieces = ["北关村", "a", "\"", "\\", "/", "\n", "\t", "\u{1}", "\u{7F}", "😀", "é", " ", "\u{2028}", "0", "{}", "[", "'"]
        return (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
    }

    static func evidence(_ random: inout SeededRandom) -> [Evidence] {
        (0..<Int.random(in: 0...2, using: &random)).map { _ in Evidence(sha256: String(repeating: "ab", count: 32), fileName: text(&random)) }
    }

    static func point(_ random: inout SeededRandom) -> GeoPoint {
        try! GeoPoint(latitude: number(in: -90...90, &random), longitude: number(in: -180...180, &random))
    }

    /// A number as payloads hold them: any double of the range, or a whole one, or one of few digits.
    static func number(in range: ClosedRange<Double>, _ random: inout SeededRandom) -> Double {
        let any = Double.random(in: range, using: &random)
        switch Int.random(in: 0..<4, using: &random) {
        case 0: return any.rounded()
        case 1: return (any * 10_000).rounded() / 10_000
        case 2: return [range.lowerBound, range.upperBound, -0.0, 1e-7].randomElement(using: &random).map { min(max($0, range.lowerBound), range.upperBound) } ?? any
        default: return any
        }
    }

    static func time(_ random: inout SeededRandom) -> Timestamp {
        Timestamp(millisecondsSince1970: Int64.random(in: -1_000_000...4_000_000_000_000, using: &random))
    }

    /// Random values of every readable payload, encoded as the catalogue encodes them.
    static func payloads(seed: Int) -> [(Data, (Data) -> Void)] {
        var random = SeededRandom(seed: UInt64(seed))
        func entry<Payload: PayloadReadable & Encodable & Equatable>(_ value: Payload) -> (Data, (Data) -> Void) {
            ((try? PayloadCodec.encode(value)) ?? Data(), { agree(Payload.self, $0) })
        }
        let step = TicketStep(note: text(&random), evidence: evidence(&random), assignee: Bool.random(using: &random) ? text(&random) : nil,
                              deadline: Bool.random(using: &random) ? time(&random) : nil,
                              escalation: [nil, .interview, .specialInspection].randomElement(using: &random) ?? nil)
        let report = TicketReported(category: InspectionCategory.allCases.randomElement(using: &random) ?? .dust, node: text(&random),
                                    title: text(&random), location: Bool.random(using: &random) ? point(&random) : nil,
                                    origin: Bool.random(using: &random) ? UUID() : nil, note: text(&random), evidence: evidence(&random),
                                    deadline: Bool.random(using: &random) ? time(&random) : nil)
        let fire = try! FirePointReport(location: point(&random), node: Bool.random(using: &random) ? text(&random) : nil, observedAt: time(&random),
                                        note: text(&random), source: FirePointReport.Source.allCases.randomElement(using: &random) ?? .patrol,
                                        estimatedAreaSquareMetres: Bool.random(using: &random) ? number(in: 0.001...1_000_000, &random) : nil,
                                        riskySlot: RiskySlot.allCases.randomElement(using: &random), evidence: evidence(&random))
        let sync = DeviceSyncReported(device: UUID(), actor: text(&random), recordedCseq: Int64.random(in: 0...Int64.max, using: &random),
                                      acknowledgedCseq: Int64.random(in: 0...9, using: &random), synced: Bool.random(using: &random),
                                      clockSkew: Bool.random(using: &random) ? ClockSkew(milliseconds: Int64.random(in: Int64.min...Int64.max, using: &random)) : nil)
        return [
            entry(step), entry(report), entry(fire), entry(sync),
            entry(FireResponseRecorded(extinguishedAt: time(&random), by: text(&random), note: text(&random))),
            entry(UserRegistered(name: text(&random), role: Role.allCases.randomElement(using: &random) ?? .admin, scope: text(&random))),
            entry(AttachmentReceived(digest: ContentDigest.of(Data(text(&random).utf8)), size: Int64.random(in: 1...Int64.max, using: &random))),
        ]
    }

    @Test func theCataloguesExamplesReadTheSameByHand() throws {
        for kind in TicketStep.Kind.allCases { #expect(Self.agree(TicketStep.self, TicketStep.definition(kind).example) != nil) }
        #expect(Self.agree(TicketReported.self, TicketReported.definition.example) != nil)
        #expect(Self.agree(FirePointReport.self, FirePointReport.definition.example) != nil)
        #expect(Self.agree(FireResponseRecorded.self, FireResponseRecorded.definition.example) != nil)
        #expect(Self.agree(UserRegistered.self, UserRegistered.definition.example) != nil)
        #expect(Self.agree(DeviceSyncReported.self, DeviceSyncReported.definition.example) != nil)
        #expect(Self.agree(AttachmentReceived.self, AttachmentReceived.definition.example) != nil)
        // The first fire points had only location, time and note.
        #expect(Self.agree(FirePointReport.self, Data(#"{"location":{"lat":36.5,"lon":116},"note":"","observedAt":1}"#.utf8))?.source == .patrol)
    }

    @Test(arguments: 0..<200)
    func randomValuesReadTheSameByHand(seed: Int) {
        for (bytes, check) in Self.payloads(seed: seed) { check(bytes) }
    }

    /// Bytes flipped, cut, inserted or replaced by JSON's own characters: the two readers never
    /// give different values, and agree on every mutation that is still canonical.
    @Test(arguments: 0..<400)
    func mutatedPayloadsReadTheSameByHandOrNotAtAll(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed) + 10_000)
        let tokens: [[UInt8]] = [[0x22], [0x5C], [0x7B], [0x7D], [0x5B], [0x5D], [0x2C], [0x3A], Array("null".utf8), Array("1e3".utf8),
                                 Array("-0".utf8), Array("\\u00e9".utf8), Array("\\ud83d".utf8), [0x20], [0xFF], [0xE5, 0x8C]]
        for (bytes, check) in Self.payloads(seed: seed) {
            var mutated = [UInt8](bytes)
            for _ in 0..<Int.random(in: 1...3, using: &random) where !mutated.isEmpty {
                let at = Int.random(in: 0..<mutated.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: mutated[at] = UInt8.random(in: 0...255, using: &random)
                case 1: mutated.removeSubrange(at...)
                case 2: mutated.insert(contentsOf: tokens.randomElement(using: &random) ?? [], at: at)
                default: mutated.replaceSubrange(at..<min(at + 3, mutated.count), with: tokens.randomElement(using: &random) ?? [])
                }
            }
            check(Data(mutated))
        }
    }

    @Test func hostileNestingIsRefusedWithoutExhaustingTheStack() {
        let deep = Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8)
        #expect(throws: PayloadReadError.tooDeep) { try PayloadValue.parse(deep) }
        // A key given twice reads as its first (and is not canonical, so admission refuses it).
        #expect(Self.agree(TicketStep.self, Data(#"{"evidence":[],"note":"a","note":"b"}"#.utf8))?.note == "a")
    }
}

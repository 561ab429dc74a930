import Foundation
import LantianTestSupport
import Testing
@testable import LantianDomain

/// Protocol/EVENTS.md, read from the file itself, specifies every event type of the catalogue with
/// an example a server accepts as written; PROTOCOL.md names every refusal.
@Suite struct EventSpecificationTests {
    static func document(_ name: String) -> String {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Protocol/\(name)").standardized.path
        return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// Each ```json example=TYPE block of EVENTS.md, by type.
    static func examples() -> [String: String] {
        let marker = "```json example="
        let lines = document("EVENTS.md").components(separatedBy: "\n")
        var examples: [String: String] = [:]
        for (index, line) in lines.enumerated() where line.hasPrefix(marker) && index + 1 < lines.count {
            examples[String(line.dropFirst(marker.count))] = lines[index + 1]
        }
        return examples
    }

    /// When the examples were recorded: after every time they name.
    static let recordedAt = Timestamp(millisecondsSince1970: 1_793_462_400_000)  // 2026-11-01

    @Test(arguments: EventCatalogue.all.map(\.type.rawValue))
    func everyTypeHasAnExampleThatIsAcceptedAsWritten(type: String) throws {
        let example = try #require(Self.examples()[type], "EVENTS.md has no example for \(type)")
        let event = Event(id: UUID(), device: UUID(), cseq: 1, actor: "officer.zhang",
                          hlc: HybridTimestamp(wallMilliseconds: Self.recordedAt.millisecondsSince1970, counter: 0),
                          recordedAt: Self.recordedAt, subject: UUID(), type: EventType(rawValue: type), schema: 1, payload: Data(example.utf8))
        guard case .success(let reading) = Admission.read(event, receivedAt: Self.recordedAt) else {
            Issue.record("\(type): \(Admission.read(event, receivedAt: Self.recordedAt))"); return
        }
        #expect(reading.definition?.example == Data(example.utf8), "the catalogue's example of \(type) differs from EVENTS.md")
    }

    /// The document lists the types in the catalogue's order (the fuzz corpus relies on it).
    @Test func theDocumentListsTheTypesInTheCataloguesOrder() {
        let marker = "```json example="
        let documented = Self.document("EVENTS.md").components(separatedBy: "\n").filter { $0.hasPrefix(marker) }.map { $0.dropFirst(marker.count) }
        #expect(documented.map(String.init) == EventCatalogue.all.map(\.type.rawValue))
    }

    @Test func theDocumentSpecifiesNoTypeTheCatalogueLacks() {
        let known = Set(EventCatalogue.all.map(\.type.rawValue))
        #expect(Set(Self.examples().keys).subtracting(known).isEmpty)
        #expect(Self.examples().count == known.count)
    }

    /// Every rule a refusal can name is specified with its fields in PROTOCOL.md.
    @Test func everyRefusalIsSpecifiedAndSaysItselfInBothLanguages() throws {
        let protocolText = Self.document("PROTOCOL.md")
        for refusal in try Self.everyRefusal() {
            let rule = try #require(refusal.wire.split(separator: "\"").dropFirst().first.map(String.init))
            #expect(protocolText.contains("| `\(rule)` |"), "PROTOCOL.md does not specify the refusal \(rule)")
            #expect(Refusal(wire: refusal.wire) == refusal)
            let chinese = refusal.message(in: .chinese), english = refusal.message(in: .english)
            #expect(!chinese.isEmpty && !english.isEmpty && chinese != english)
        }
    }

    /// One refusal of every rule.
    static func everyRefusal() throws -> [Refusal] {
        let time = Timestamp(millisecondsSince1970: 1_793_462_400_000)
        return [
            .noActor, .implausibleClock(field: "hlc", at: time, server: time),
            .breaksRule(type: "t", error: InvalidValue(field: "f", rule: .empty)), .unreadable(type: "t", detail: "x"), .notCanonical(type: "t"),
            .unknownType(type: "t"), .recordedAsOther(actor: "a", user: "b"), .serverOnly(type: "t"), .roleTakesNoPart(role: .admin),
            .roleMayNot(role: .admin, type: "t"), .unknownNode(node: "1"), .outsideGrid(location: try GeoPoint(latitude: 0, longitude: 0)),
            .nodeDisagreesWithLocation(stated: "1", located: nil), .unplaced(type: "t"), .outsideScope(node: "1", user: "u", scope: "2"),
            .unknownSubject(subject: UUID()), .subjectOfOtherKind(subject: UUID(), kind: "t", expected: []), .subjectTaken(subject: UUID(), by: "t"),
            .idTaken(id: UUID()), .damagedHere(detail: "d"), .forked(device: UUID(), cseq: 1, held: UUID()),
        ]
    }
}

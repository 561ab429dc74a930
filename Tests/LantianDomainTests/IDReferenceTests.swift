import Foundation
import LantianDomain
import Testing

/// Records are named by a few hex digits: from the start of the id, its end, or the start of the
/// short id that lists show.
@Suite struct IDReferenceTests {
    static let ticket = UUID(uuidString: "0190a0b0-1111-7000-8000-00a238254e41")!
    static let other = UUID(uuidString: "0190a0b0-2222-7000-8000-00b400000000")!

    @Test(arguments: ["38254e41", "3825", "38254", "4e41", "0190a0b0-1111", "0190a0b01111", "0190A0B0-1111-7000-8000-00A238254E41"])
    func aRecordIsFoundByWhatListsShow(_ reference: String) {
        #expect(IDReference(reference).resolve(among: [Self.ticket, Self.other]) == .one(Self.ticket))
    }

    @Test(arguments: ["382", "zzzz", "5555", ""])
    func tooFewOrUnknownDigitsFindNothing(_ reference: String) {
        #expect(IDReference(reference).resolve(among: [Self.ticket, Self.other]) == .none)
    }

    @Test func digitsSeveralIdsShareNameNone() {
        #expect(IDReference("0190a0b0").resolve(among: [Self.ticket, Self.other]) == .several([Self.ticket, Self.other]))
    }
}

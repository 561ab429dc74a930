import Foundation
import LantianClient
import LantianDomain
import LantianFiles
import LantianServer
import LantianSessions
import LantianStore
import LantianWire
import Testing

/// Every error a user or a peer can meet presents itself: a message in Chinese and in English that
/// is not empty, Chinese that carries no English sentence, and an exit status.
///
/// Each error type lists one example of every case; `caseNumber` switches over the cases with no
/// `default`, so a new case does not compile until it has an example here.
@Suite struct ErrorMessageTests {
    /// Neutral values: whatever English a Chinese message holds comes from its own words.
    static let id = UUID(uuidString: "0190a0b0-0000-7000-8000-00000000c0de")!
    static let at = Timestamp(millisecondsSince1970: 1_790_000_000_000)

    @Test(arguments: allExamples())
    func presentsItself(_ example: Example) {
        let chinese = example.error.message(in: .chinese), english = example.error.message(in: .english)
        #expect(!chinese.isEmpty && !english.isEmpty, "\(example.name)")
        #expect(chinese.contains { ("\u{4E00}"..."\u{9FFF}").contains(String($0)) }, "\(example.name) has no Chinese: \(chinese)")
        #expect(Self.englishSentence(in: chinese) == nil, "\(example.name): \(chinese)")
        #expect(chinese != english, "\(example.name)")
    }

    @Test func everyCaseHasAnExample() {
        let examples = Self.allExamples()
        for (type, count) in Self.caseCounts {
            let covered = Set(examples.filter { $0.type == type }.map(\.caseNumber))
            #expect(covered == Set(0..<count), "\(type): examples cover cases \(covered.sorted()) of \(count)")
        }
    }

    @Test func exitStatusesAreTheDocumentedOnes() {
        #expect(StoreError.notAStore(path: "x").exitStatus == .dataError)
        #expect(StoreError.damaged("x").exitStatus == .ioError)
        #expect(SyncError.timedOut(seconds: 5).exitStatus == .unavailable)
        #expect(FieldError.gridNotSynced.exitStatus == .dataError)
        #expect(Texts.exitStatus(of: CocoaError(.fileNoSuchFile)) == .failure)
    }

    @Test func noMessageSendsUsersToACommandThatDoesNotExist() {
        let chinese = FieldError.unknownStation("GL-01").message(in: .chinese)
        #expect(!chinese.contains("station add"))
        #expect(chinese.contains("lantian dustfall station --code GL-01"))
    }

    @Test func theSentenceFinderFindsSentences() {
        #expect(Self.englishSentence(in: "记录失败：the store is damaged") != nil)
        #expect(Self.englishSentence(in: "运行 lantian enroll --server 主机:端口 --code 入网码") == nil)
    }

    /// Three English words in a row, once commands, options and placeholders are taken out.
    static func englishSentence(in text: String) -> String? {
        let withoutCommands = text
            .replacing(/lantiand?( [a-z][a-z-]*)*/, with: "")
            .replacing(/--[a-z-]+/, with: "")
            .replacing(/chmod 600|issue show|HOST:PORT|NAME|CODE/, with: "")
        return withoutCommands.firstMatch(of: /[A-Za-z]{2,}('[a-z]+)?( [A-Za-z]{2,}('[a-z]+)?){2,}/).map { String($0.output.0) }
    }

    struct Example: CustomTestStringConvertible, Sendable {
        var type: String
        var caseNumber: Int
        var error: any PresentableError & Sendable
        var name: String { "\(type) #\(caseNumber)" }
        var testDescription: String { name }
    }

    static let caseCounts: [(String, Int)] = [
        ("GPSError", 4), ("InvalidValue", 22), ("Refusal", 23), ("TicketRuleViolation", 13), ("EnterpriseRuleViolation", 6), ("FieldError", 29),
        ("StoreError", 10), ("SyncError", 12), ("ImportError", 7), ("KeyFileError", 5), ("AdministrationError", 20),
        ("PushRefusal", 5), ("AttachmentRefusal", 4), ("EnrolmentRefusal", 5),
    ]

    static func allExamples() -> [Example] {
        let digest = ContentDigest.of(Data([1]))
        let invalid = InvalidValue(field: "note", rule: .empty)
        let rules: [InvalidValue.Rule] = [
            .outOfRange(min: 0, max: 1), .tooLong(maxCharacters: 5), .tooMany(max: 2), .empty, .invalidTime, .inTheFuture, .tooLongAgo,
            .tooFarAhead(days: 3), .mustBePositive, .notInChecklist, .invalidMonth, .beforeObservation, .notADigest, .notAKey,
            .notAGridCode, .notAnItemID, .duplicate, .lighterThanBlank, .invalidDay, .notAClockSlot, .inThePast, .notDescending,
        ]
        let refusals: [Refusal] = [
            .noActor, .implausibleClock(field: "hlc", at: at, server: at), .breaksRule(type: "straw.firePoint.reported", error: invalid),
            .unreadable(type: "straw.firePoint.reported", detail: "甲"), .notCanonical(type: "straw.firePoint.reported"),
            .unknownType(type: "甲"), .recordedAsOther(actor: "甲", user: "乙"), .serverOnly(type: "grid.node.defined"),
            .roleTakesNoPart(role: .admin), .roleMayNot(role: .gridOfficer, type: "grid.node.defined"), .unknownNode(node: "1"),
            .outsideGrid(location: try! GeoPoint(latitude: 1, longitude: 1)), .nodeDisagreesWithLocation(stated: "1", located: "2"),
            .unplaced(type: "straw.firePoint.reported"), .outsideScope(node: "1", user: "甲", scope: "2"), .unknownSubject(subject: id),
            .subjectOfOtherKind(subject: id, kind: "straw.firePoint.reported", expected: ["ticket.reported"]),
            .subjectTaken(subject: id, by: "ticket.reported"), .idTaken(id: id), .forked(device: id, cseq: 1, held: id),
            .damagedHere(detail: "changed"), .other("甲"), .retiredNode(node: "1"),
        ]
        let tickets: [TicketRuleViolation] = [
            .roleNotAllowed(.gridOfficer, step: "assigned"), .wrongState(.closed, step: "assigned"), .notOverdue, .missing(field: "deadline"),
            .alreadyReported, .deadlineNotAhead(at), .unknownAssignee("甲"),
            .assigneeElsewhere("甲", role: .supervisor, scope: "1", node: "2"), .deadlineNotLater(at, inForce: at), .extensionPending,
            .noExtensionPending, .enterpriseNotDisposed("甲", .inProgress), .alreadyThere("1"),
        ]
        let enterprises: [EnterpriseRuleViolation] = [
            .wrongState(.registered, step: .relocated), .wrongDisposition(.upgrade, step: .relocated), .missing(field: "disposition"),
            .missingSignOffs(["环保"]), .unknownDepartment("环保"), .missingClosureItems([.waterCut]),
        ]
        let fields: [FieldError] = [
            .notSetUp, .notEnrolled, .alreadyEnrolled("甲"), .badEnrolmentCode("1"), .noServer, .badServerAddress("1"), .unknownUser("甲"),
            .unknownNode("1"), .gridNotSynced, .noSuchRecord("1"), .ambiguousRecord("1", candidates: ["12", "13"]), .unreadableFile("甲"),
            .unsuitablePhoto("甲", maxBytes: 64 << 20), .stepRefused(tickets[0]), .enterpriseStepRefused(enterprises[0]),
            .unknownStation("1"), .conflictingOptions("--a", "--b"), .notAPhoto("甲"),
            .refusedRecord("1", reason: Refusal.outsideScope(node: "1", user: "甲", scope: "2").wire), .noDataFor("371521", name: "阳谷县", scope: "371502"),
            .noPatrolUnderWay, .patrolUnderWay(since: "2026-10-01 17:30"), .farFromPatrolPoint("村西麦田", metres: 850, allowed: 300),
            .alertNotInForce("2026-11-02 08:00"), .alertNotInForce(nil), .notAMeasure("停产", measures: ["停止 1 号冲天炉"]), .inquiryConcluded("失职"),
            .enrolmentCodeWithoutPin("7KQ2M-X9D4P"), .plaintextBeyondLoopback("10.0.0.1:7700"), .secureChannel("甲"),
        ]
        let stores: [StoreError] = [
            .copyAheadOfSharedRecord(copy: 42, record: 40), .sharedRecordUnreadable(position: 7, reason: "table x"), .otherHistory(path: "node.sqlite"),
            .notAStore(path: "甲"), .cannotOpen(path: "甲", reason: "乙"), .corruptEvent(id: id, reason: "乙"), .exists(path: "甲"),
            .diskFull(path: "甲"), .noLocalDevice, .damaged("乙"),
        ]
        let syncs: [SyncError] = [
            .unreachable(NetworkFailure("甲")), .connectionClosed, .refused(WireError(code: .conflict, message: "甲")),
            .protocolViolation("甲"), .timedOut(seconds: 5), .storage("甲"), .damagedStore("甲"), .notEnrolled,
            .unverified(count: 2, first: "甲"), .serverTooOld(speaks: 3, needed: 4),
            .untrustedServer(presented: "06eb2c0a 7abb09fe"), .secureChannelFailed("甲"),
        ]
        let imports: [ImportError] = [
            .unreadable(path: "甲"), .notText(path: "甲", line: 3, byte: 40), .notSpreadsheet(path: "甲", reason: "no worksheet"), .notCSV(path: "甲", reason: "乙"), .notGeoJSON(path: "甲", reason: "乙"),
            .wrongFormat(path: "甲", expected: Phrase("乙", "B"), missing: "丙"),
            .badRows(path: "甲", [RowProblem(line: 2, reason: Phrase("乙", "B"))]),
        ]
        let keys: [KeyFileError] = [
            .missing(path: "甲"), .tooOpen(path: "甲", mode: 0o644), .unreadable(path: "甲"), .notThisStore(path: "甲"),
            .cannotWrite(path: "甲", reason: "乙"),
        ]
        let administration: [AdministrationError] = [
            .unknownNode("1"), .wrongLevel(node: "1", level: .cell, parent: "2", parentLevel: .city), .parentRequired("1", .county),
            .badCode("甲"), .badUserName("甲"), .emptySetting("甲"), .unknownUser("甲"), .badValidity(0), .unknownDevice("1"),
            .ambiguousDevice("1"), .cannotRevokeServer, .missingServerKey("甲"),
            .tlsRotationPending("甲"), .noTLSRotationPending, .tls(.closedDuringHandshake), .tls(.identityFile(path: "甲", problem: .notForKey("乙"))), .plaintextBeyondLoopback("10.0.0.1:7700"),
            .database("postgresql://lantian@db/lantian", "connection refused"), .backupOfSharedDatabase, .databaseNotEmpty("postgresql://db/lantian"),
            .migrationDiffers("events 3 ≠ 4"),
        ]
        let pushes: [PushRefusal] = [
            .gap(expected: 2, received: 3), .conflict(id: id, cseq: 1), .foreignDevice(id: id, device: id), .brokenChain(id: id, cseq: 1),
            .badSignature(cseq: 1),
        ]
        let attachments: [AttachmentRefusal] = [
            .tooLarge(size: 2, max: 1), .sizeMismatch(digest: digest, held: 1, offered: 2), .digestMismatch(digest), .unexpectedChunk(digest),
        ]
        let enrolments: [EnrolmentRefusal] = [.unknownCode, .used(at: at), .expired(at: at), .unknownUser("甲"), .deviceTaken(id)]
        let fixes: [GPSError] = [.unreachable("127.0.0.1:2947"), .noFix(seconds: 10), .stale(ageSeconds: 90, maxSeconds: 60),
                                 .inaccurate(metres: 17, maxMetres: 5), .inaccurate(metres: nil, maxMetres: 5)]

        func examples<E: PresentableError & Sendable>(_ type: String, _ errors: [E], _ number: (E) -> Int) -> [Example] {
            errors.map { Example(type: type, caseNumber: number($0), error: $0) }
        }
        return examples("InvalidValue", rules.map { InvalidValue(field: "note", rule: $0) }, { caseNumber($0.rule) })
            + examples("Refusal", refusals, caseNumber) + examples("TicketRuleViolation", tickets, caseNumber)
            + examples("EnterpriseRuleViolation", enterprises, caseNumber) + examples("FieldError", fields, caseNumber)
            + examples("StoreError", stores, caseNumber) + examples("SyncError", syncs, caseNumber)
            + examples("ImportError", imports, caseNumber) + examples("KeyFileError", keys, caseNumber)
            + examples("AdministrationError", administration, caseNumber) + examples("PushRefusal", pushes, caseNumber)
            + examples("AttachmentRefusal", attachments, caseNumber) + examples("EnrolmentRefusal", enrolments, caseNumber)
            + examples("GPSError", fixes, caseNumber)
    }

    // MARK: Case numbers: exhaustive switches, so that a new case needs an example

    static func caseNumber(_ rule: InvalidValue.Rule) -> Int {
        switch rule {
        case .outOfRange: 0
        case .tooLong: 1
        case .tooMany: 2
        case .empty: 3
        case .invalidTime: 4
        case .inTheFuture: 5
        case .tooLongAgo: 6
        case .tooFarAhead: 7
        case .mustBePositive: 8
        case .notInChecklist: 9
        case .invalidMonth: 10
        case .beforeObservation: 11
        case .notADigest: 12
        case .notAKey: 13
        case .notAGridCode: 14
        case .notAnItemID: 15
        case .duplicate: 16
        case .lighterThanBlank: 17
        case .invalidDay: 18
        case .notAClockSlot: 19
        case .inThePast: 20
        case .notDescending: 21
        }
    }

    static func caseNumber(_ refusal: Refusal) -> Int {
        switch refusal {
        case .noActor: 0
        case .implausibleClock: 1
        case .breaksRule: 2
        case .unreadable: 3
        case .notCanonical: 4
        case .unknownType: 5
        case .recordedAsOther: 6
        case .serverOnly: 7
        case .roleTakesNoPart: 8
        case .roleMayNot: 9
        case .unknownNode: 10
        case .outsideGrid: 11
        case .nodeDisagreesWithLocation: 12
        case .unplaced: 13
        case .outsideScope: 14
        case .unknownSubject: 15
        case .subjectOfOtherKind: 16
        case .subjectTaken: 17
        case .idTaken: 18
        case .forked: 19
        case .damagedHere: 20
        case .other: 21
        case .retiredNode: 22
        }
    }

    static func caseNumber(_ violation: TicketRuleViolation) -> Int {
        switch violation {
        case .roleNotAllowed: 0
        case .wrongState: 1
        case .notOverdue: 2
        case .missing: 3
        case .alreadyReported: 4
        case .deadlineNotAhead: 5
        case .unknownAssignee: 6
        case .assigneeElsewhere: 7
        case .deadlineNotLater: 8
        case .extensionPending: 9
        case .noExtensionPending: 10
        case .enterpriseNotDisposed: 11
        case .alreadyThere: 12
        }
    }

    static func caseNumber(_ violation: EnterpriseRuleViolation) -> Int {
        switch violation {
        case .wrongState: 0
        case .wrongDisposition: 1
        case .missing: 2
        case .missingSignOffs: 3
        case .unknownDepartment: 4
        case .missingClosureItems: 5
        }
    }

    static func caseNumber(_ error: FieldError) -> Int {
        switch error {
        case .notSetUp: 0
        case .notEnrolled: 1
        case .alreadyEnrolled: 2
        case .badEnrolmentCode: 3
        case .noServer: 4
        case .badServerAddress: 5
        case .unknownUser: 6
        case .unknownNode: 7
        case .gridNotSynced: 8
        case .noSuchRecord: 9
        case .ambiguousRecord: 10
        case .unreadableFile: 11
        case .unsuitablePhoto: 12
        case .stepRefused: 13
        case .enterpriseStepRefused: 14
        case .unknownStation: 15
        case .conflictingOptions: 16
        case .notAPhoto: 17
        case .refusedRecord: 18
        case .noDataFor: 19
        case .noPatrolUnderWay: 20
        case .patrolUnderWay: 21
        case .farFromPatrolPoint: 22
        case .alertNotInForce: 23
        case .notAMeasure: 24
        case .inquiryConcluded: 25
        case .enrolmentCodeWithoutPin: 26
        case .plaintextBeyondLoopback: 27
        case .secureChannel: 28
        }
    }

    static func caseNumber(_ error: GPSError) -> Int {
        switch error {
        case .unreachable: 0
        case .noFix: 1
        case .stale: 2
        case .inaccurate: 3
        }
    }

    static func caseNumber(_ error: StoreError) -> Int {
        switch error {
        case .notAStore: 0
        case .cannotOpen: 1
        case .corruptEvent: 2
        case .exists: 3
        case .diskFull: 4
        case .noLocalDevice: 5
        case .damaged: 6
        case .copyAheadOfSharedRecord: 7
        case .sharedRecordUnreadable: 8
        case .otherHistory: 9
        }
    }

    static func caseNumber(_ error: SyncError) -> Int {
        switch error {
        case .unreachable: 0
        case .connectionClosed: 1
        case .refused: 2
        case .protocolViolation: 3
        case .timedOut: 4
        case .storage: 5
        case .damagedStore: 6
        case .notEnrolled: 7
        case .unverified: 8
        case .serverTooOld: 9
        case .untrustedServer: 10
        case .secureChannelFailed: 11
        }
    }

    static func caseNumber(_ error: ImportError) -> Int {
        switch error {
        case .unreadable: 0
        case .notText: 1
        case .notSpreadsheet: 6
        case .notCSV: 2
        case .notGeoJSON: 3
        case .wrongFormat: 4
        case .badRows: 5
        }
    }

    static func caseNumber(_ error: KeyFileError) -> Int {
        switch error {
        case .missing: 0
        case .tooOpen: 1
        case .unreadable: 2
        case .notThisStore: 3
        case .cannotWrite: 4
        }
    }

    static func caseNumber(_ error: AdministrationError) -> Int {
        switch error {
        case .unknownNode: 0
        case .wrongLevel: 1
        case .parentRequired: 2
        case .badCode: 3
        case .badUserName: 4
        case .emptySetting: 5
        case .unknownUser: 6
        case .badValidity: 7
        case .unknownDevice: 8
        case .ambiguousDevice: 9
        case .cannotRevokeServer: 10
        case .missingServerKey: 11
        case .tlsRotationPending: 12
        case .noTLSRotationPending: 13
        case .tls: 14
        case .plaintextBeyondLoopback: 15
        case .database: 16
        case .backupOfSharedDatabase: 17
        case .databaseNotEmpty: 18
        case .migrationDiffers: 19
        }
    }

    static func caseNumber(_ refusal: PushRefusal) -> Int {
        switch refusal {
        case .gap: 0
        case .conflict: 1
        case .foreignDevice: 2
        case .brokenChain: 3
        case .badSignature: 4
        }
    }

    static func caseNumber(_ refusal: AttachmentRefusal) -> Int {
        switch refusal {
        case .tooLarge: 0
        case .sizeMismatch: 1
        case .digestMismatch: 2
        case .unexpectedChunk: 3
        }
    }

    static func caseNumber(_ refusal: EnrolmentRefusal) -> Int {
        switch refusal {
        case .unknownCode: 0
        case .used: 1
        case .expired: 2
        case .unknownUser: 3
        case .deviceTaken: 4
        }
    }
}

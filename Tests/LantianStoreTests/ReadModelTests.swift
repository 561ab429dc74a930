import Foundation
import GRDB
import LantianDomain
import LantianWire
import LantianTestSupport
import Testing
@testable import LantianStore

/// The read models equal the full fold, whatever order the events arrive in, in pages of any size,
/// with roles and the grid changed late, after events are set aside, and after a rebuild.
@Suite struct ReadModelTests {
    static let city = "371500", county = "371502", township = "371502001", cell = "371502001001", otherTownship = "371502002"
    static let movingCell = "371502001002"

    /// A season's small story: users (one of them changing role midway), a grid (a cell moving to
    /// another township late), and issues taken through the workflow, some steps conflicting.
    static func story(seed: UInt64) -> [Event] {
        var random = SeededRandom(seed: seed)
        var events: [Event] = []
        var clock: Int64 = 1_000
        var sequences: [String: Int64] = [:]
        func add(_ actor: String, _ subject: UUID, _ type: EventType, _ payload: some Encodable, at: Int64? = nil) {
            clock += Int64.random(in: 1...3, using: &random)
            sequences[actor, default: 0] += 1
            events.append(Event(id: UUID(), device: .version5(name: actor), cseq: sequences[actor] ?? 1, actor: actor,
                                hlc: LantianStoreTests.clock(at ?? clock), recordedAt: time(at ?? clock), subject: subject, type: type,
                                schema: 1, payload: try! PayloadCodec.encode(payload)))
        }
        func node(_ code: String, _ level: GridLevel, _ parent: String?, at: Int64? = nil) {
            add("lantiand", GridNodeDefined.subject(for: code), GridNodeDefined.eventType,
                GridNodeDefined(code: code, name: code, level: level, parent: parent), at: at)
        }
        func user(_ name: String, _ role: Role, at: Int64? = nil) {
            add("lantiand", UserRegistered.subject(for: name), UserRegistered.eventType, UserRegistered(name: name, role: role, scope: county), at: at)
        }
        node(city, .city, nil)
        node(county, .county, city)
        node(township, .township, county)
        node(otherTownship, .township, county)
        node(cell, .cell, township)
        for (name, role) in [("officer.zhang", Role.gridOfficer), ("staff.wang", .townshipStaff), ("supervisor.zhao", .supervisor),
                             ("supervisor.sun", .supervisor), ("officer.li", .townshipStaff)] {
            user(name, role)
        }
        let kinds: [TicketStep.Kind] = [.assigned, .rectificationStarted, .rectificationReported, .verified, .verificationFailed, .reopened,
                                        .escalated, .evidenceAdded]
        for number in 0..<12 {
            let ticket = UUID()
            let reporter = Bool.random(using: &random) ? "officer.zhang" : "officer.li"
            add(reporter, ticket, TicketReported.eventType,
                TicketReported(category: InspectionCategory.allCases[number % 4], node: number % 3 == 0 ? township : cell, title: "#\(number)"))
            if number % 3 == 1 {
                // Taken to close-out, so that reviews count close-outs.
                for (kind, actor) in [(TicketStep.Kind.assigned, "staff.wang"), (.rectificationStarted, "staff.wang"),
                                      (.rectificationReported, "staff.wang"), (.verified, "supervisor.zhao")] {
                    add(actor, ticket, kind.eventType, TicketStep(assignee: "staff.wang", deadline: time(clock + 500)))
                }
            } else if number % 3 == 2 {
                // Escalated while being rectified, so that rows keep escalation levels.
                add("staff.wang", ticket, TicketStep.Kind.assigned.eventType, TicketStep(assignee: "staff.wang", deadline: time(clock + 500)))
                add("staff.wang", ticket, TicketStep.Kind.rectificationStarted.eventType, TicketStep())
                clock += 600  // past the deadline: only an overdue issue is escalated
                add("supervisor.zhao", ticket, TicketStep.Kind.escalated.eventType, TicketStep(escalation: .interview))
            }
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                let kind = kinds.randomElement(using: &random) ?? .assigned
                let actor = ["staff.wang", "supervisor.zhao", "supervisor.sun", "officer.li"].randomElement(using: &random) ?? "staff.wang"
                add(actor, ticket, kind.eventType, TicketStep(assignee: "staff.wang", deadline: time(clock + 500)))
            }
        }
        // Fire points, some put out, some reported twice (the first report stands), a response to
        // a fire point nobody reported.
        for number in 0..<8 {
            let point = UUID()
            let location = try! GeoPoint(latitude: 36.45 + Double(number % 3) * 0.001, longitude: 115.98)
            let node = [cell, township, nil][number % 3]
            for _ in 0..<(number == 5 ? 2 : 1) {
                add("officer.zhang", point, FirePointReport.eventType,
                    try! FirePointReport(location: location, node: node, observedAt: time(clock - 3_600_000 - Int64(number) * 60_000), note: "#\(number)"))
            }
            if number.isMultiple(of: 2) {
                add("officer.zhang", number == 6 ? UUID() : point, FireResponseRecorded.eventType,
                    FireResponseRecorded(extinguishedAt: time(clock), by: "扑火队"))
            }
        }
        // The server says three blobs arrived (one of them twice).
        for number in [0, 1, 2, 2] {
            let digest = ContentDigest.of(Data("photo \(number)".utf8))
            add("lantiand", UUID.version5(name: digest.hex), AttachmentReceived.eventType, AttachmentReceived(digest: digest, size: 10))
        }
        // Devices enrolled, one of them carried on under a new id and then its credential revoked;
        // the server's sync reports about two devices, the latest of one not a sync.
        let phones = (0..<3).map { UUID.version5(name: "phone \($0)") }
        for (number, phone) in phones.enumerated() {
            add("lantiand", phone, DeviceEnrolled.eventType, try! DeviceEnrolled(
                device: phone, user: "officer.zhang", publicKey: Data(repeating: UInt8(number), count: DeviceKey.publicKeyBytes),
                credential: number == 2 ? phones[1] : phone))
        }
        add("lantiand", phones[1], DeviceRevoked.eventType, DeviceRevoked(credential: phones[1], reason: "丢失"))
        for (phone, synced) in [(phones[0], true), (phones[1], true), (phones[0], true), (phones[0], false), (phones[1], false)] {
            add("lantiand", phone, DeviceSyncReported.eventType, DeviceSyncReported(
                device: phone, actor: "officer.zhang", recordedCseq: Int64.random(in: 5...9, using: &random), acknowledgedCseq: 4, synced: synced))
        }
        // The three small categories: enterprises signed off, a dust site inspected, dust-fall readings.
        let enterprise = UUID()
        add("officer.zhang", enterprise, EnterpriseRegistered.eventType,
            try! EnterpriseRegistered(name: "某加工点", address: "北关村", node: cell, industry: "塑料", leadSource: .patrol))
        add("staff.wang", enterprise, EnterpriseStep.Kind.disposed.eventType, EnterpriseStep(disposition: .upgrade))
        for department in ["生态环境", "街道办"] {
            add("staff.wang", enterprise, EnterpriseStep.Kind.signedOff.eventType, EnterpriseStep(department: department))
        }
        // A second enterprise whose cell moves, between its two "街道办" sign-offs, to the township
        // whose list names that department: the first is refused, the second counts, and production
        // may resume only when the list then in force is complete.
        let moved = UUID()
        node(movingCell, .cell, township)
        add("officer.zhang", moved, EnterpriseRegistered.eventType,
            try! EnterpriseRegistered(name: "某小作坊", address: "南关村", node: movingCell, industry: "铸造", leadSource: .electricityData))
        add("staff.wang", moved, EnterpriseStep.Kind.disposed.eventType, EnterpriseStep(disposition: .upgrade))
        add("staff.wang", moved, EnterpriseStep.Kind.signedOff.eventType, EnterpriseStep(department: "街道办"))
        node(movingCell, .cell, otherTownship)
        for department in ["街道办", "生态环境"] {
            add("staff.wang", moved, EnterpriseStep.Kind.signedOff.eventType, EnterpriseStep(department: department))
        }
        add("staff.wang", moved, EnterpriseStep.Kind.productionResumed.eventType, EnterpriseStep())
        let site = UUID()
        add("officer.zhang", site, DustSiteRegistered.eventType,
            try! DustSiteRegistered(name: "某工地", kind: .construction, node: cell, areaSquareMetres: 8_000, onlineMonitoring: false, video: true))
        let checklist = DustChecklistDefined.sixHundredPercent
        add("officer.zhang", site, DustSiteInspected.eventType,
            try! DustSiteInspected(results: Dictionary(uniqueKeysWithValues: checklist.map { ($0.id, true) }), checklist: checklist))
        func jar(_ grams: Double) -> DustfallJar {
            DustfallJar(label: .a, sampleMassGrams: grams, blankMassGrams: 1.0, openingAreaSquareMetres: 0.0177, exposureDays: 30)
        }
        // A reading before its station exists (kept out), the station registered twice (the first
        // stands), a reading and its correction.
        add("officer.zhang", UUID(), DustfallReadingRecorded.eventType, DustfallReadingRecorded(station: "S1", month: "2026-04", jars: [jar(1.1)]))
        for name in ["一号站", "二号站"] {
            add("lantiand", DustfallStationRegistered.subject(for: "S1"), DustfallStationRegistered.eventType,
                DustfallStationRegistered(code: "S1", name: name, node: township))
        }
        for grams in [1.2, 1.3] {
            add("officer.zhang", UUID(), DustfallReadingRecorded.eventType, DustfallReadingRecorded(station: "S1", month: "2026-05", jars: [jar(grams)]))
        }
        add("lantiand", UUID.version5(name: "limit"), DustfallLimitSet.eventType, DustfallLimitSet(node: county, year: 2026, limit: 7))
        // Late, in canonical order: officer.li becomes a grid officer between the reports, the
        // cell moves to the other township, and the township's sign-off list is set to two departments.
        user("officer.li", .gridOfficer, at: 1_000 + Int64.random(in: 20...(clock - 1_000), using: &random))
        node(cell, .cell, otherTownship)
        add("lantiand", UUID.version5(name: "departments"), SignOffDepartmentsDefined.eventType,
            SignOffDepartmentsDefined(node: otherTownship, departments: ["生态环境", "街道办"]), at: 1_010)
        return events
    }

    /// Everything the ticket read model holds, as lists and `issue show` read it.
    static func view(_ store: EventStore, now: Timestamp) throws -> (all: [TicketSummary], whole: [Ticket], below: [[TicketSummary]]) {
        let all = try store.tickets(TicketFilter(includeClosed: true), now: now)
        let below = try [city, county, township, otherTownship, cell].map { try store.tickets(TicketFilter(node: $0, includeClosed: true), now: now) }
        return (all, try store.tickets(all.map(\.id)), below)
    }

    /// The same, from the full fold.
    static func folded(_ events: [Event], now: Timestamp) -> (all: [TicketSummary], whole: [Ticket], below: [[TicketSummary]]) {
        let tickets = Tickets.fold(events).all, grid = Grid.fold(events)
        let below = [city, county, township, otherTownship, cell].map { node in
            tickets.filter { $0.report.node == node || grid.node($0.report.node, isWithin: node) }.map(TicketSummary.init)
        }
        return (tickets.map(TicketSummary.init), tickets, below)
    }

    /// The nodes reviews are asked for: all issues, and each node's.
    static let reviewed: [String?] = [nil, city, county, township, otherTownship, cell]

    /// Issue reviews, overdue issues and weekly timelines, as the store counts them by SQL.
    static func reviews(_ store: EventStore, now: Timestamp) throws -> [IssueReviews] {
        let grid = try store.grid(), span = try #require(IssueTimeline.span(weeks: 3, endingAt: now))
        return try reviewed.map { node in
            let figures = try store.issueFigures(within: node, month: month, now: now)
            let times = try store.issueTimes(within: node, in: span)
            return IssueReviews(review: IssueReview(perNode: figures.perNode, open: figures.open, grid: grid, month: month),
                                overdue: try store.tickets(TicketFilter(node: node, overdueOnly: true), now: now),
                                timeline: IssueTimeline(reported: times.reported, closed: times.closed, weeks: 3, endingAt: now))
        }
    }

    /// The same, by the pure reviews over the full fold: the specification.
    static func reviews(_ events: [Event], now: Timestamp) -> [IssueReviews] {
        let tickets = Tickets.fold(events).all.map(TicketSummary.init), grid = Grid.fold(events)
        return reviewed.map { node in
            let within = tickets.filter { node == nil || $0.node == node || grid.node($0.node, isWithin: node ?? "") }
            return IssueReviews(review: IssueReview(tickets: within, grid: grid, month: month, now: now),
                                overdue: within.filter { $0.isOverdue(at: now) }, timeline: IssueTimeline(tickets: within, weeks: 3, endingAt: now))
        }
    }

    /// The month the stories happen in (their clocks are the first minutes of time(0), 2026-05-28).
    static let month = ReviewMonth(containing: time(2_000))

    struct IssueReviews: Equatable {
        var review: IssueReview
        var overdue: [TicketSummary]
        var timeline: IssueTimeline
    }

    @Test(arguments: 0..<16)
    func tablesEqualTheFullFoldWhateverTheArrivalOrder(seed: Int) throws {
        let events = Self.story(seed: UInt64(seed))
        let now = time(1_000_000)
        var random = SeededRandom(seed: UInt64(seed) + 100)
        let (replica, _) = try temporaryStore("replica")
        var arriving = events.shuffled(using: &random)[...]
        var sseq: Int64 = 0
        while !arriving.isEmpty {
            let page = arriving.prefix(Int.random(in: 1...9, using: &random))
            arriving = arriving.dropFirst(page.count)
            let accepted = page.map { event in sseq += 1; return AcceptedEvent(event: event, sseq: sseq, receivedAt: time(100_000)) }
            try replica.storePulled(Page(events: accepted, head: sseq))
        }
        let expected = Self.folded(events, now: now), actual = try Self.view(replica, now: now)
        #expect(actual.all == expected.all)
        #expect(actual.whole == expected.whole)
        #expect(actual.below == expected.below)
        #expect(try Self.reviews(replica, now: now) == Self.reviews(events, now: now))
        let points = FirePoints.fold(events).all.map(FirePointSummary.init), grid = Grid.fold(events)
        for node in Self.reviewed {
            let expected = points.filter { point in node == nil || point.node.map { $0 == node || grid.node($0, isWithin: node ?? "") } == true }
            #expect(try replica.firePoints(observedIn: time(-10_000_000)..<time(10_000_000), within: node) == expected)
        }
        #expect(points.count == 8 && points.contains { $0.responseMinutes != nil })
        let digests = (0..<4).map { ContentDigest.of(Data("photo \($0)".utf8)).hex }
        #expect(try replica.arrivals(among: digests).digests == ReceivedAttachments.fold(events).digests)
        #expect(ReceivedAttachments.fold(events).digests.count == 3)
        #expect(!expected.all.isEmpty && expected.all.contains { $0.conflictCount > 0 } && expected.all.contains { $0.closedAt != nil }
                && expected.all.contains { !$0.escalations.isEmpty })
        // Reference data, and the small categories folded on the grid the table holds.
        #expect(try replica.grid().nodes == Grid.fold(events).nodes)
        #expect(try replica.directory().users == Directory.fold(events).users)
        #expect(try replica.user(named: "officer.li")?.role == .gridOfficer)
        #expect(try replica.deviceKeys().devices == DeviceKeys.fold(events).devices)
        #expect(try replica.deviceKeys().devices.values.filter { $0.revocation != nil }.count == 2)
        #expect(try replica.syncBacklog().devices == SyncBacklog.fold(events).devices)
        #expect(try replica.syncBacklog().devices.values.allSatisfy { $0.lastSynced != nil && $0.lastSynced != $0.lastSeen })
        #expect(try replica.enterprises().all == Enterprises.fold(events).all)
        #expect(try replica.enterprises().requiredDepartments(for: Self.movingCell) == Enterprises.fold(events).requiredDepartments(for: Self.movingCell))
        #expect(try replica.dustSites().all == DustSites.fold(events).all)
        #expect(try replica.dustSites().checklist(for: Self.cell) == DustSites.fold(events).checklist(for: Self.cell))
        let network = try replica.dustfallNetwork(), foldedNetwork = DustfallNetwork.fold(events)
        #expect(network.stations == foldedNetwork.stations)
        #expect(network.readings == foldedNetwork.readings)
        #expect(network.limits == foldedNetwork.limits)
        #expect(network.limit(for: Self.township, year: 2026) == 7)
        // The story is what it says: both sign-off judgements happen, the second station registration and the early reading are kept out.
        let moved = try #require(Enterprises.fold(events).all.first { $0.registration.name == "某小作坊" })
        #expect(moved.state == .completed && moved.conflicts.count == 1)
        #expect(foldedNetwork.stations["S1"]?.name == "一号站" && foldedNetwork.readings["S1"]?.count == 2)

        // A rebuild from scratch gives the same rows.
        let before = try Self.rows(replica)
        try replica.write { db in try EventStore.rebuildReadModels(db, .all) }
        #expect(try Self.rows(replica) == before)
    }

    @Test func eventsSetAsideLeaveNoTraceInTheTables() throws {
        let (store, _) = try temporaryStore("device")
        let now = time(1_000_000)
        let story = Self.story(seed: 7)
        let registrations = story.filter { $0.type != TicketReported.eventType && !Tickets.subjectTypes.contains($0.type) }
        try store.storePulled(Page(events: registrations.enumerated().map { AcceptedEvent(event: $1, sseq: Int64($0 + 1), receivedAt: time(1)) },
                                   head: Int64(registrations.count)))
        let device = try store.setUpLocalDevice(actor: "officer.zhang", server: nil)
        let (enterprises, readings) = (try store.enterprises().all, try store.dustfallNetwork().readings)
        let reported = try store.record(try EventDraft(subject: UUID(), payload: TicketReported(category: .dust, node: Self.cell, title: "扬尘")),
                                        device: device, now: time(50_000))
        let registered = try store.record(try EventDraft(subject: UUID(), payload: try EnterpriseRegistered(
            name: "新发现作坊", address: "", node: Self.cell, industry: "", leadSource: .patrol)), device: device, now: time(50_001))
        _ = try store.record(try EventDraft(subject: UUID(), payload: DustfallReadingRecorded(station: "S1", month: "2026-05", jars: [
            DustfallJar(label: .b, sampleMassGrams: 1.5, blankMassGrams: 1.0, openingAreaSquareMetres: 0.0177, exposureDays: 30),
        ])), device: device, now: time(50_002))
        #expect(try store.tickets(TicketFilter(), now: now).map(\.id) == [reported.subject])
        #expect(try store.enterprises()[registered.subject] != nil && store.dustfallNetwork().readings["S1"]?.count == 3)
        _ = try store.setAsideAfterRollback(acknowledged: 0)
        #expect(try store.tickets(TicketFilter(), now: now).isEmpty)
        #expect(try store.ticket(reported.subject) == nil)
        #expect(try store.enterprises().all == enterprises && store.dustfallNetwork().readings == readings)
    }

    @Test func anOutdatedReadModelIsRebuiltWhenTheStoreOpens() throws {
        let (store, path) = try temporaryStore("outdated")
        let events = Self.story(seed: 3)
        try store.storePulled(Page(events: events.enumerated().map { AcceptedEvent(event: $1, sseq: Int64($0 + 1), receivedAt: time(1)) },
                                   head: Int64(events.count)))
        let before = try Self.rows(store)
        try store.write { db in
            try db.execute(sql: "DELETE FROM ticket; UPDATE read_model SET version = 0")
        }
        #expect(try store.tickets(TicketFilter(includeClosed: true), now: time(0)).isEmpty)
        var heard: [RebuildProgress] = []
        #expect(try Self.rows(try EventStore(path: path, rebuilding: { heard.append($0) })) == before)
        // The progress ends with every event the read models are made from read.
        let read = try store.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM event WHERE type IN ('user.registered', 'attachment.received') OR type LIKE 'ticket.%' OR type LIKE 'straw.%'
                """) ?? 0
        }
        #expect(heard.last == RebuildProgress(read: read, total: read) && read > 0)
    }

    /// Every row of the read models' tables, in a fixed order.
    static func rows(_ store: EventStore) throws -> [[String]] {
        try store.read { db in
            try ["SELECT * FROM ticket ORDER BY id", "SELECT * FROM ticket_actor ORDER BY actor, ticket",
                 "SELECT * FROM grid_ancestry ORDER BY ancestor, node", "SELECT * FROM user_registration ORDER BY name, event",
                 "SELECT * FROM fire_point ORDER BY id", "SELECT * FROM grid_node ORDER BY code", "SELECT * FROM device_key ORDER BY device",
                 "SELECT * FROM device_sync ORDER BY device", "SELECT * FROM grid_definition ORDER BY code, hlc, device, cseq",
                 "SELECT * FROM enterprise ORDER BY id", "SELECT * FROM dust_site ORDER BY id", "SELECT * FROM dustfall_station ORDER BY code",
                 "SELECT * FROM dustfall_event ORDER BY event"].flatMap { sql in
                try Row.fetchAll(db, sql: sql).map { row in row.databaseValues.map(\.description) }
            }
        }
    }
}

import Foundation
import LantianFiles
import LantianDomain
import LantianStore
import LantianSync
import LantianTestSupport
import Testing
@testable import LantianClient

/// Whatever devices send, every replica stays up and agrees: thousands of random events of every
/// type (and of no type), their values drawn from the whole range of their JSON types, pushed by
/// enrolled devices through a real server session, pulled by every replica, then rendered through
/// every view and export. Nothing may crash, and replicas with the same scope show the same.
@Suite struct HostileEventPropertyTests {
    /// Who pushes: users of every field role, inside and outside the examples' cell.
    static let pushers = ["officer.zhang", "officer.sun", "staff.wang", "supervisor.zhao", "supervisor.yang"]
    /// Pairs of replicas that only pull, each pair with one scope.
    static let observers = [("officer.li", "officer.zhang.2"), ("supervisor.wang", "supervisor.zhao.2")]

    @Test(arguments: 0..<5)
    func randomEventsLeaveEveryReplicaUpAndAgreeing(seed: Int) throws {
        let server = try serverStore()
        let admin = try ServerIdentity.of(server).acting(as: "admin")
        try server.recordAccepted([
            try EventDraft(subject: UserRegistered.subject(for: "officer.zhang.2"), payload: UserRegistered(name: "officer.zhang.2", role: .gridOfficer, scope: TestGrid.cell)),
            try EventDraft(subject: UserRegistered.subject(for: "supervisor.zhao.2"), payload: UserRegistered(name: "supervisor.zhao.2", role: .supervisor, scope: TestGrid.county)),
        ], as: admin, now: .now())
        var payloads = RandomPayloads(random: SeededRandom(seed: UInt64(seed)))
        var devices = try Self.pushers.map { try HandMadeDevice($0, at: server) }
        var started: [EventType: [UUID]] = [:]  // subjects accepted records started, by their type
        var accepted = 0, refused = 0

        // Every field of every type set to every extreme, by a device whose role may record the type;
        // each about a record of its own, so that no value is hidden by a later one on the same record.
        if seed == 0 {
            for definition in EventCatalogue.all {
                let index = Self.recorderIndex(of: definition)
                let keys = ((try? JSONSerialization.jsonObject(with: definition.example)) as? [String: Any])?.keys.sorted() ?? []
                if case .follows(let types) = definition.subject, let origin = types.first.flatMap(EventCatalogue.definition(of:)) {
                    let missing = keys.count * RandomPayloads.extremes.count + 1 - (started[origin.type]?.count ?? 0)
                    let records = try (0..<max(missing, 0)).map { _ in try devices[Self.recorderIndex(of: origin)].make(origin.type, bytes: origin.example) }
                    let outcome = try devices[Self.recorderIndex(of: origin)].push(records, to: server)
                    started[origin.type, default: []] += zip(records, outcome).filter { $0.1 == nil }.map(\.0.subject)
                }
                var batch: [Event] = []
                for key in keys {
                    for value in RandomPayloads.extremes {
                        let subject = Self.subject(for: definition, started: started, position: batch.count)
                        batch.append(try devices[index].make(definition.type, about: subject,
                                                             bytes: RandomPayloads.payload(for: definition, setting: key, to: value)))
                    }
                }
                batch.append(try devices[index].make(definition.type, about: Self.subject(for: definition, started: started, position: batch.count),
                                                     bytes: definition.example))
                let outcome = try devices[index].push(batch, to: server)
                for (event, refusal) in zip(batch, outcome) where refusal == nil && EventCatalogue.startingTypes.contains(event.type) {
                    started[event.type, default: []].append(event.subject)
                }
                accepted += outcome.filter { $0 == nil }.count
                refused += outcome.filter { $0 != nil }.count
            }
        }

        for _ in 0..<6 {
            for index in devices.indices {
                let batch = try (0..<30).map { _ in try Self.randomEvent(on: &devices[index], started: started, payloads: &payloads) }
                let outcome = try devices[index].push(batch, to: server)
                #expect(outcome.count == batch.count)
                for (event, refusal) in zip(batch, outcome) where refusal == nil && EventCatalogue.startingTypes.contains(event.type) {
                    started[event.type, default: []].append(event.subject)
                }
                accepted += outcome.filter { $0 == nil }.count
                refused += outcome.filter { $0 != nil }.count
            }
        }
        // A check of the generator, not of the replicas: both outcomes occur. Accepted events thin out
        // as the catalogue grows (most random events of a supervisor's or the server's types are refused).
        #expect(accepted > 20 && refused > 300, "accepted \(accepted), refused \(refused): the mix should exercise both")

        let now = Timestamp.now()
        for device in devices {
            _ = try converse(try clientSession(device.store, .sync), try serverSessionOf(server))
            _ = try Self.everyView(of: device.store, now: now)
        }
        for (first, second) in Self.observers {
            let views = try [first, second].map { try Self.everyView(of: try clientStore($0, enrolledAt: server).0, now: now) }
            #expect(views[0] == views[1], "\(first) and \(second) see different things")
        }
        #expect(try server.audit(keys: try server.folded(DeviceKeys.self).publicKeys, serverKey: nil, complete: { _ in true },
                                 ownDevice: nil).problems.isEmpty)
    }

    /// The pusher whose role may record events of `definition`'s type: a grid officer if it may,
    /// else township staff, else a supervisor (of the examples' own area).
    static func recorderIndex(of definition: EventDefinition) -> Int {
        guard case .roles(let roles) = definition.recorders else { return 0 }
        return roles.contains(.gridOfficer) ? 0 : roles.contains(.townshipStaff) ? 2 : 3
    }

    /// A subject for the `position`th event of `definition`'s type: one of the records it may follow
    /// (each in turn, so that no value is hidden by a later one on the same record), else new.
    static func subject(for definition: EventDefinition, started: [EventType: [UUID]], position: Int) -> UUID {
        guard case .follows(let types) = definition.subject else { return UUID() }
        let records = types.sorted { $0.rawValue < $1.rawValue }.flatMap { started[$0] ?? [] }
        return records.isEmpty ? UUID() : records[position % records.count]
    }

    /// One random event on `device`: a known type (or none), a payload from `payloads`, a subject
    /// that is new, or one a record of the kind it follows started, or any; and now and then a
    /// clock or an actor from anywhere.
    static func randomEvent(on device: inout HandMadeDevice, started: [EventType: [UUID]], payloads: inout RandomPayloads) throws -> Event {
        let definitions = EventCatalogue.all
        let pick = Int.random(in: 0..<(definitions.count + 2), using: &payloads.random)
        let definition = pick < definitions.count ? definitions[pick] : nil
        let type = definition?.type ?? ["straw.firePoint.deleted", ""].randomElement(using: &payloads.random)!
        let bytes = definition.map { payloads.payload(for: $0) } ?? Data("{}".utf8)
        let anyStarted = started.keys.sorted { $0.rawValue < $1.rawValue }.flatMap { started[$0] ?? [] }
        var subject = UUID()
        switch (definition?.subject, Int.random(in: 0..<10, using: &payloads.random)) {
        case (.follows(let types)?, 0..<8):
            subject = types.sorted { $0.rawValue < $1.rawValue }.flatMap { started[$0] ?? [] }.randomElement(using: &payloads.random) ?? subject
        case (_, 8...): subject = anyStarted.randomElement(using: &payloads.random) ?? subject
        default: break
        }
        var hlc: HybridTimestamp?
        var recordedAt = Timestamp.now()
        var actor: String?
        switch Int.random(in: 0..<24, using: &payloads.random) {
        case 0: hlc = HybridTimestamp(packed: Int64.random(in: 0 ... .max, using: &payloads.random))
        case 1: recordedAt = Timestamp(millisecondsSince1970: Int64.random(in: .min ... .max, using: &payloads.random))
        case 2: actor = ["officer.li", "", " ", "admin.chen"].randomElement(using: &payloads.random)!
        default: break
        }
        return try device.make(type, about: subject, bytes: bytes, hlc: hlc, recordedAt: recordedAt, actor: actor)
    }

    /// Every view and export of the store at `path`, in both languages, as one text: what a user
    /// could see on that device, whatever it holds.
    static func everyView(of store: EventStore, now: Timestamp) throws -> String {
        let client = try FieldClient(databasePath: store.path)
        let months = [ReviewMonth(containing: now), ReviewMonth(year: 2026, month: 6)]
        var views: [String] = []
        for texts in [Texts(.chinese), Texts(.english)] {
            let summaries = try client.tickets(TicketFilter(includeClosed: true), now: now)
            let tickets = try client.wholeTickets(summaries)
            let arrived = try client.arrivedEvidence(of: tickets)
            views.append(texts.ticketTable(summaries, now: now))
            views += tickets.map { texts.ticketDetail($0, now: now, arrived: arrived) }
            views.append(texts.fireTable(try client.firePointList()))
            views.append(texts.dustSiteTable(try client.dustSites()))
            views.append(texts.enterpriseTable(try client.enterprises()))
            views.append(texts.dustfallTable(try client.dustfallNetwork()))
            views.append(texts.ledgerTable(try client.ledgerReview()))
            for month in months {
                let (review, grid) = (try client.issueReview(month: month, now: now), try client.grid())
                views.append(texts.issueReviewTable(review))
                views.append(texts.dustfallReviewTable(try client.dustfallReview(month: month)))
                views.append(texts.strawBurningTable(try client.strawBurningReview(month: month), month: month))
                views.append(texts.dustSiteReviewTable(try client.dustSiteReview(month: month)))
                let patrols = try client.patrols(month: month, within: nil)
                views.append(texts.patrolTable(patrols, finds: try client.finds(of: patrols, now: now), names: try client.nodeNames()))
                views.append(String(decoding: try Exports.patrolTracksGeoJSON(patrols), as: UTF8.self))
                views.append(texts.patrolCoverageTable(try client.patrolCoverage(within: TestGrid.county, month: month, now: now)))
                views.append(texts.patrolPointTable(try client.patrolPoints(within: nil), names: try client.nodeNames()))
                views.append(texts.alertComplianceTable(try client.alertCompliance(month: month, now: now), names: try client.nodeNames()))
                views.append(texts.alertDutiesTable(try client.alertDuties(now: now), names: try client.nodeNames()))
                views.append(texts.alertTable(try client.alerts().alerts.values.sorted { $0.id.uuidString < $1.id.uuidString }, now: now, names: try client.nodeNames()))
                for county in [TestGrid.county, TestGrid.otherCounty] {
                    do {
                        let notice = try client.monthlyNotice(county: county, month: month, now: now)
                        views.append(texts.notice(notice, issuedAt: now))
                        // The Word file is made from the same document: made, never trapped on.
                        _ = try texts.noticeDocument(notice, issuedAt: now).wordprocessingML(createdAt: Date(timeIntervalSince1970: 0))
                        views.append(try client.htmlReport(county: county, month: month, texts: texts, now: now).rendered)
                    } catch let error as FieldError {
                        guard case .noDataFor = error else { throw error }  // a county outside the user's scope
                        views.append(error.message(in: .chinese))
                    }
                }
                views.append(String(decoding: try Exports.open311(tickets, grid: grid, arrived: arrived, server: nil), as: UTF8.self))
            }
            views.append(String(decoding: try Exports.issuesGeoJSON(summaries, now: now), as: UTF8.self))
            views.append(String(decoding: try Exports.dustSitesGeoJSON(try client.dustSites()), as: UTF8.self))
            views.append(String(decoding: try Exports.firePointsGeoJSON(try client.firePoints()), as: UTF8.self))
            let names = try client.nodeNames()
            let records = tickets.map { JSONOutput.TicketRecord($0, now: now, arrived: arrived, texts: texts, names: names) }
            views.append(try JSONOutput.render(records))
            views.append(String(decoding: try Exports.csv(records: records, columns: texts.csvColumns()), as: UTF8.self))
            views.append(try JSONOutput.render(try client.firePoints().map(JSONOutput.FirePointRecord.init)))
            views.append(try JSONOutput.render(JSONOutput.DustfallRecord.all(try client.dustfallNetwork())))
            // Device-specific: shown, not compared.
            _ = texts.backlogTable(try client.syncBacklog())
            _ = texts.quarantineTable(try store.quarantined(), ownDevice: try store.localDevice()?.id)
            _ = try JSONOutput.render(try store.quarantined().map { JSONOutput.QuarantineRow($0, language: texts.language) })
        }
        return views.joined(separator: "\n")
    }
}

import Foundation
import LantianDomain

/// Recording for the four inspection categories. A record that opens issues (a failed inspection
/// item, a dust-fall value over the limit) is stored with those issues in one transaction.
extension FieldClient {
    // MARK: Straw burning

    /// Records a fire point seen in the field, placed in its grid node.
    public func reportFirePoint(location: GeoPoint, node: String? = nil, observedAt: Timestamp, note: String,
                                source: FirePointReport.Source = .patrol, estimatedAreaSquareMetres: Double? = nil,
                                riskySlot: RiskySlot? = nil, evidence: [Evidence] = [], now: Timestamp) throws -> Event {
        try checkNotInFuture(observedAt, now: now)
        let node = try placeNode(node, location: location)
        let report = try FirePointReport(location: location, node: node, observedAt: observedAt,
                                         note: note, source: source, estimatedAreaSquareMetres: estimatedAreaSquareMetres,
                                         riskySlot: riskySlot, evidence: evidence, referral: try node.map(isReferral) ?? false)
        let fire = newSubject(now)
        let issue = try issueOpenedByReporter(category: .strawBurning, node: node, title: "火点：\(note.isEmpty ? BeijingTime.format(observedAt) : note)",
                                              location: location, origin: fire, evidence: evidence, now: now)
        return try record([try EventDraft(subject: fire, payload: report)] + issue, now: now)[0]
    }

    /// The issue a grid officer's record opens at once (a fire point, a newly found enterprise).
    /// None when this user is known not to report issues. A user this device does not know yet
    /// (never synced) still opens it: recorded offline as said, and shown as a conflict if the
    /// role turns out not to allow it.
    private func issueOpenedByReporter(category: InspectionCategory, node: String?, title: String, location: GeoPoint?, origin: UUID,
                                       evidence: [Evidence], now: Timestamp) throws -> [EventDraft] {
        let role = try profile()?.role
        guard let node = try node ?? profile()?.scope ?? placeNode(nil, location: location),
              role.map(TicketWorkflow.reporters.contains) ?? true else { return [] }
        let ticket = TicketReported(category: category, node: node, title: title, location: location, origin: origin, evidence: evidence,
                                    referral: try isReferral(node))
        return [try EventDraft(subject: newSubject(now), payload: ticket)]
    }

    /// Refuses a record whose issues this user may not open (an administrator, or a user this device does not know).
    private func checkMayOpen(_ issues: [TicketReported]) throws {
        guard let first = issues.first else { return }
        let role = try requireRole()
        guard TicketWorkflow.mayReport(first, role: role) else { throw FieldError.stepRefused(.roleNotAllowed(role, step: "reported")) }
    }

    /// The issues whose origin is `subject`.
    public func issues(from subject: UUID) throws -> [Ticket] {
        try store.tickets(from: subject)
    }

    /// Records that the fire point `reference` names was put out.
    public func recordFireResponse(_ reference: String, extinguishedAt: Timestamp, by: String, note: String, now: Timestamp) throws -> FirePoint {
        let (id, point) = try findFirePoint(reference)
        try checkNotInFuture(extinguishedAt, now: now)
        guard extinguishedAt >= point.observedAt else { throw InvalidValue(field: "time", rule: .beforeObservation) }
        _ = try record([try EventDraft(subject: id, payload: FireResponseRecorded(extinguishedAt: extinguishedAt, by: by, note: note))], now: now)
        return try findFirePoint(id.uuidString).point
    }

    /// Records who answers for the fire point `reference` names.
    public func recordAccountability(_ reference: String, responsible: String, measure: String, note: String, now: Timestamp) throws {
        let (id, _) = try findFirePoint(reference)
        _ = try record([try EventDraft(subject: id, payload: FireAccountabilityRecorded(responsible: responsible, measure: measure, note: note))], now: now)
    }

    /// All fire points this device knows of, its own and those synced from others, whole (for
    /// exports and JSON): each folded from its own events.
    public func firePoints() throws -> [FirePoint] {
        try store.firePoints(try store.firePoints().map(\.id))
    }

    /// The fire points `ids` whole, in the same order.
    public func firePoints(_ ids: [UUID]) throws -> [FirePoint] {
        try store.firePoints(ids)
    }

    /// The fire points this device knows of (those observed within `span`, with one), as lists
    /// show them, by time observed.
    public func firePointList(observedIn span: Range<Timestamp>? = nil) throws -> [FirePointSummary] {
        try store.firePoints(observedIn: span)
    }

    /// The fire point `reference` names, with the issues that follow from it (its lead, say).
    public func firePoint(_ reference: String) throws -> (point: FirePoint, issues: [Ticket]) {
        let (id, point) = try findFirePoint(reference)
        return (point, try store.tickets(from: id))
    }

    /// Whether `id` is a fire point this device holds (an issue's origin, say).
    public func isFirePoint(_ id: UUID) throws -> Bool { try store.firePoint(id) != nil }

    /// The fire point `reference` names, and its id.
    private func findFirePoint(_ reference: String) throws -> (id: UUID, point: FirePoint) {
        let id = try resolve(reference, among: try store.firePointIDs(matching: reference))
        guard let point = try store.firePoint(id) else { throw FieldError.noSuchRecord(reference) }
        return (id, point)
    }

    // MARK: Dust sites

    public func registerDustSite(name: String, kind: DustSiteRegistered.Kind, node: String?, location: GeoPoint?, areaSquareMetres: Double,
                                 onlineMonitoring: Bool, video: Bool, now: Timestamp) throws -> Event {
        guard let node = try placeNode(node, location: location) else { throw FieldError.gridNotSynced }
        let site = try DustSiteRegistered(name: name, kind: kind, node: node, location: location, areaSquareMetres: areaSquareMetres,
                                          onlineMonitoring: onlineMonitoring, video: video)
        return try record([try EventDraft(subject: newSubject(now), payload: site)], now: now)[0]
    }

    /// Records an inspection: every checklist item passes except `failed`; each failed item opens an issue.
    public func inspectDustSite(_ reference: String, failed: [String], note: String, evidence: [Evidence], now: Timestamp)
        throws -> (site: DustSites.Site, opened: [TicketReported]) {
        let sites = try store.dustSites()
        let (_, site) = try find(reference, in: sites.byID)
        let checklist = sites.checklist(for: site.registration.node)
        if let unknown = failed.first(where: { id in !checklist.contains { $0.id == id } }) {
            throw InvalidValue(field: unknown, rule: .notInChecklist)
        }
        let results = Dictionary(uniqueKeysWithValues: checklist.map { ($0.id, !failed.contains($0.id)) })
        let inspection = try DustSiteInspected(results: results, checklist: checklist, note: note, evidence: evidence)
        let opened = inspection.ticketsToOpen(site: site.id, registered: site.registration, checklist: checklist)
        try checkMayOpen(opened)
        _ = try record([try EventDraft(subject: site.id, payload: inspection)]
                       + opened.map { try EventDraft(subject: newSubject(now), payload: $0) }, now: now)
        return (try find(site.id, in: try store.dustSites().byID), opened)
    }

    public func dustSites() throws -> DustSites { try store.dustSites() }

    /// The checklist in force for the site `reference` names.
    public func checklist(forSite reference: String) throws -> [ChecklistItem] {
        let sites = try store.dustSites()
        return sites.checklist(for: try find(reference, in: sites.byID).record.registration.node)
    }

    // MARK: Dust-fall

    public func registerDustfallStation(code: String, name: String, node: String, location: GeoPoint?, now: Timestamp) throws -> Event {
        guard let node = try placeNode(node, location: location) else { throw FieldError.unknownNode(node) }
        let station = DustfallStationRegistered(code: code, name: name, node: node, location: location)
        return try record([try EventDraft(subject: DustfallStationRegistered.subject(for: code), payload: station)], now: now)[0]
    }

    /// Records a month's reading; a value over the limit in force opens a dust-fall issue.
    public func recordDustfall(station code: String, month: String, jars: [DustfallJar], now: Timestamp)
        throws -> (value: Double?, limit: Double, opened: TicketReported?) {
        let reading = try dustfallReading(station: code, month: month, jars: jars, in: try store.dustfallNetwork(), now: now)
        _ = try record(reading.drafts, now: now)
        return (reading.value, reading.limit, reading.opened)
    }

    /// The events of one reading, checked: the reading, and the issue it opens when over the limit.
    func dustfallReading(station code: String, month: String, jars: [DustfallJar], in network: DustfallNetwork, now: Timestamp)
        throws -> (drafts: [EventDraft], value: Double?, limit: Double, opened: TicketReported?) {
        guard let station = network.stations[code] else { throw FieldError.unknownStation(code) }
        guard let year = Self.year(ofMonth: month) else { throw InvalidValue(field: "month", rule: .invalidMonth) }
        guard !jars.isEmpty else { throw InvalidValue(field: "jar", rule: .empty) }
        for jar in jars { try jar.validate() }
        let reading = DustfallReadingRecorded(station: code, month: month, jars: jars)
        let limit = network.limit(for: station.node, year: year)
        let readingID = newSubject(now)
        let opened = reading.ticketToOpen(reading: readingID, station: station, limit: limit)
        try checkMayOpen(opened.map { [$0] } ?? [])
        var drafts = [try EventDraft(subject: readingID, payload: reading)]
        if let opened { drafts.append(try EventDraft(subject: newSubject(now), payload: opened)) }
        return (drafts, reading.dustfall, limit, opened)
    }

    public func dustfallNetwork() throws -> DustfallNetwork { try store.dustfallNetwork() }

    static func year(ofMonth month: String) -> Int? {
        let parts = month.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let number = Int(parts[1]), (1...12).contains(number) else { return nil }
        return year
    }

    // MARK: Scattered-polluting enterprises

    public func registerEnterprise(name: String, address: String, node: String?, industry: String,
                                   leadSource: EnterpriseRegistered.LeadSource, now: Timestamp) throws -> Event {
        guard let node = try placeNode(node, location: nil) else { throw FieldError.gridNotSynced }
        let registration = try EnterpriseRegistered(name: name, address: address, node: node, industry: industry, leadSource: leadSource)
        let enterprise = newSubject(now)
        let issue = try issueOpenedByReporter(category: .scatteredPolluting, node: node, title: "散乱污企业：\(name)", location: nil,
                                              origin: enterprise, evidence: [], now: now)
        return try record([try EventDraft(subject: enterprise, payload: registration)] + issue, now: now)[0]
    }

    /// Takes one step on the enterprise `reference` names, after checking the case allows it now.
    public func takeEnterpriseStep(_ kind: EnterpriseStep.Kind, on reference: String, _ step: EnterpriseStep, now: Timestamp) throws -> Enterprise {
        let ledger = try store.enterprises()
        let (id, enterprise) = try find(reference, in: ledger.byID)
        let next: Enterprise
        do {
            next = try enterprise.applying(kind, step, requiredDepartments: ledger.requiredDepartments(for: enterprise.registration.node))
        } catch {
            throw FieldError.enterpriseStepRefused(error)
        }
        _ = try record([try EventDraft(subject: id, kind: kind, schema: EnterpriseStep.schema, payload: step)], now: now)
        return next
    }

    public func enterprises() throws -> Enterprises { try store.enterprises() }

    /// The enterprise whose id is `id`.
    public func enterprise(_ id: UUID) throws -> Enterprise { try find(id, in: try store.enterprises().byID) }
}

import Foundation
import LantianDomain
import LantianFiles

/// Heavy-pollution alerts (重污染天气应急): the reduction list imported, an alert declared and lifted
/// by a supervisor, the checks it implies computed on every device offline, and each check recorded
/// with an issue for every measure not taken, due within the alert's hours.
extension FieldClient {
    /// Alerts, the reduction list and the checks this device holds.
    public func alerts() throws -> Alerts { try store.project(Alerts.self) }

    /// Declares an alert over `node` at `level` until `until` (supervisors).
    public func declareAlert(node: String, level: AlertLevel, until: Timestamp, deadlineHours: Int, note: String, now: Timestamp) throws -> Alert {
        guard let node = try placeNode(node, location: nil) else { throw FieldError.gridNotSynced }
        let alert = newSubject(now)
        let declaration = AlertDeclared(node: node, level: level, until: until, deadlineHours: deadlineHours, note: note)
        _ = try record([try EventDraft(subject: alert, payload: declaration)], now: now)
        return try find(alert, in: try alerts().alerts)
    }

    /// Lifts the alert `reference` names; refused when it is no longer in force.
    public func liftAlert(_ reference: String, note: String, now: Timestamp) throws -> Alert {
        let (id, alert) = try find(reference, in: try alerts().alerts)
        guard alert.isInForce(at: now) else { throw FieldError.alertNotInForce(BeijingTime.format(alert.end)) }
        _ = try record([try EventDraft(subject: id, payload: AlertLifted(note: note))], now: now)
        return try find(id, in: try alerts().alerts)
    }

    /// What the alerts in force now ask within this user's scope: each alert with its duties.
    public func alertDuties(now: Timestamp) throws -> [(alert: Alert, duties: [AlertDuty])] {
        let grid = try store.grid(), alerts = try alerts(), scope = try profile()?.scope, sites = try store.dustSites()
        return alerts.overlapping(now..<now.adding(milliseconds: 1), area: scope, grid: grid).map {
            ($0, AlertDuty.of($0, entries: alerts.entries, sites: sites, grid: grid, within: scope))
        }
    }

    /// Records a check of the place `reference` names (an entry of the reduction list or a dust
    /// site, by id or name) under the alert in force there: `failed` lists the measures not taken,
    /// the rest were. Each failed measure opens an issue due within the alert's hours.
    public func recordAlertCheck(_ reference: String, failed: [String], note: String, evidence: [Evidence], now: Timestamp)
        throws -> (duty: AlertDuty, opened: [TicketReported]) {
        let duties = try alertDuties(now: now)
        guard !duties.isEmpty else { throw FieldError.alertNotInForce(nil) }
        let places = Dictionary(duties.flatMap { entry in entry.duties.map { ($0.place, (alert: entry.alert, duty: $0)) } }) { first, _ in first }
        let (alert, duty) = try find(reference, in: places, named: \.duty.name).record
        if let unknown = failed.first(where: { !duty.measures.contains($0) }) {
            throw FieldError.notAMeasure(unknown, measures: duty.measures)
        }
        let results = Dictionary(duty.measures.map { ($0, !failed.contains($0)) }) { first, _ in first }
        let check = AlertCheckRecorded(target: duty.target, place: duty.place, results: results,
                                       note: note, evidence: evidence)
        let deadline = now.adding(milliseconds: Int64(alert.declaration.deadlineHours) * 3_600_000)
        // The issue lies where the place does: one listed above the checker's scope is theirs to refer (移交).
        let referral = try isReferral(duty.node)
        let opened = duty.measures.filter(failed.contains).map { measure in
            TicketReported(category: duty.target == .enterprise ? .emergency : .dust, node: duty.node,
                           title: "\(duty.name)：\(measure)未落实（\(alert.level.name(in: .chinese))）", location: duty.location, origin: duty.place,
                           note: note, evidence: evidence, referral: referral, deadline: deadline)
        }
        let drafts = [try EventDraft(subject: alert.id, payload: check)] + (try opened.map { try EventDraft(subject: newSubject(now), payload: $0) })
        _ = try record(drafts, now: now)
        return (duty, opened)
    }

    /// Imports the emergency reduction list (CSV or .xlsx): an entry for each enterprise not listed
    /// yet, a revision for each listed (same name, same node) whose grade or measures changed,
    /// nothing for the rest; linked to the ledger where an enterprise of the same name is on file
    /// in the same node.
    public func importReductionList(path: String, now: Timestamp) throws -> (listed: Int, revised: Int, unchanged: Int, problems: [RowProblem]) {
        let file = try ReductionListFile(path: path)
        let alerts = try alerts(), ledger = try store.enterprises().all
        let known = Dictionary(alerts.entries.map { ("\($0.value.node)|\($0.value.name)", $0.key) }) { first, _ in first }
        var (listed, revised) = ([EventDraft](), [EventDraft]())
        var seen = Set<String>()
        for row in file.rows {
            var entry = row.entry
            guard let node = try placeNode(entry.node, location: entry.location), seen.insert("\(node)|\(entry.name)").inserted else { continue }
            entry.node = node
            entry.enterprise = ledger.first { $0.registration.name == entry.name && $0.registration.node == node }?.id
            if let id = known["\(node)|\(entry.name)"] {
                guard alerts.entries[id] != entry else { continue }
                revised.append(EventDraft(subject: id, type: ReductionListed.revisedType, schema: ReductionListed.schema, payload: try PayloadCodec.encode(entry)))
            } else {
                listed.append(try EventDraft(subject: newSubject(now), payload: entry))
            }
        }
        if !(listed + revised).isEmpty { _ = try record(listed + revised, now: now) }
        return (listed.count, revised.count, file.rows.count - listed.count - revised.count, file.problems)
    }

    /// How each alert in force at some moment of `month` over `area` (by default this user's scope)
    /// was complied with, within this user's scope.
    public func alertCompliance(month: ReviewMonth, over area: String? = nil, now: Timestamp) throws -> [AlertCompliance] {
        let grid = try store.grid(), alerts = try alerts(), scope = try profile()?.scope, sites = try store.dustSites()
        let issues = try store.tickets(TicketFilter(includeClosed: true), now: now)
        return alerts.overlapping(month.start..<month.end, area: area ?? scope, grid: grid).map { alert in
            AlertCompliance(alert: alert, duties: AlertDuty.of(alert, entries: alerts.entries, sites: sites, grid: grid, within: scope),
                            issues: issues, grid: grid, now: now)
        }
    }
}

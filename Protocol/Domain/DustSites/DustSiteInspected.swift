import Foundation

/// An inspection of a dust site against its checklist, item by item. The subject is the site.
public struct DustSiteInspected: EventPayload, Hashable {
    public static let eventType: EventType = "dust.site.inspected"
    public static let schema: UInt16 = 1

    /// Checklist item id → whether the site passed it.
    public var results: [String: Bool]
    public var note: String
    public var evidence: [Evidence]

    /// An inspection that answers every item of `checklist` and nothing else.
    public init(results: [String: Bool], checklist: [ChecklistItem], note: String = "", evidence: [Evidence] = []) throws(InvalidValue) {
        if let missing = checklist.first(where: { results[$0.id] == nil }) {
            throw InvalidValue(field: missing.id, rule: .empty)
        }
        if let unknown = results.keys.sorted().first(where: { id in !checklist.contains { $0.id == id } }) {
            throw InvalidValue(field: unknown, rule: .notInChecklist)
        }
        self.results = results
        self.note = note
        self.evidence = evidence
    }

    /// The items failed, in checklist order.
    public func failedItems(of checklist: [ChecklistItem]) -> [ChecklistItem] {
        checklist.filter { results[$0.id] == false }
    }

    /// The issues this inspection opens: one for each failed item.
    public func ticketsToOpen(site: UUID, registered: DustSiteRegistered, checklist: [ChecklistItem]) -> [TicketReported] {
        failedItems(of: checklist).map { item in
            TicketReported(category: .dust, node: registered.node, title: "\(registered.name)：\(item.chinese)不达标",
                           location: registered.location, origin: site, note: note, evidence: evidence)
        }
    }
}

extension DustSiteInspected {
    /// The most items a checklist, and so an inspection, may have.
    public static let maxItems = 50

    public static let definition = EventDefinition(
        DustSiteInspected.self, chinese: "扬尘源检查", english: "dust site inspected", recorders: .field,
        subject: .follows([DustSiteRegistered.eventType]),
        example: try! DustSiteInspected(results: Dictionary(uniqueKeysWithValues: DustChecklistDefined.sixHundredPercent.map { ($0.id, $0.id != "covering") }),
                                        checklist: DustChecklistDefined.sixHundredPercent, note: "物料堆放未覆盖"))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.count(results.count, "results", max: Self.maxItems)
        for item in results.keys { try Check.itemID(item, "results") }
        try Check.text(note, "note", max: Check.longText)
        try Check.evidence(evidence)
    }

    public func placement(of event: Event) -> PlacementClaim { .sameAs(subject: event.subject, startedBy: [DustSiteRegistered.eventType]) }
}

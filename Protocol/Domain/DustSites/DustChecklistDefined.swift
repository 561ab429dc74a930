import Foundation

/// The checklist used in a jurisdiction; localities differ, so it is configuration.
public struct DustChecklistDefined: EventPayload, Hashable {
    public static let eventType: EventType = "dust.checklist.defined"
    public static let schema: UInt16 = 1

    /// The grid node (by code) the checklist applies to, and everything below it.
    public var node: String
    public var items: [ChecklistItem]

    public init(node: String, items: [ChecklistItem]) {
        self.node = node
        self.items = items
    }

    /// The "six 100%" (六个百分之百) for construction sites.
    public static let sixHundredPercent: [ChecklistItem] = [
        ChecklistItem(id: "fencing", chinese: "周边围挡", english: "perimeter fencing"),
        ChecklistItem(id: "covering", chinese: "物料堆放覆盖", english: "material piles covered"),
        ChecklistItem(id: "wet-work", chinese: "土方开挖湿法作业", english: "wet excavation"),
        ChecklistItem(id: "hardened-roads", chinese: "路面硬化", english: "site roads hardened"),
        ChecklistItem(id: "vehicle-washing", chinese: "出入车辆清洗", english: "exiting vehicles washed"),
        ChecklistItem(id: "sealed-transport", chinese: "渣土车辆密闭运输", english: "muck trucks sealed"),
    ]
}

extension DustChecklistDefined {
    public static let definition = EventDefinition(
        DustChecklistDefined.self, chinese: "扬尘检查表设置", english: "dust checklist set", recorders: .server, subject: .defines,
        example: DustChecklistDefined(node: "371502", items: sixHundredPercent))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(node, "node")
        guard !items.isEmpty else { throw InvalidValue(field: "items", rule: .empty) }
        try Check.count(items.count, "items", max: DustSiteInspected.maxItems)
        guard Set(items.map(\.id)).count == items.count else { throw InvalidValue(field: "items", rule: .duplicate) }
        for item in items {
            try Check.itemID(item.id, "items")
            try Check.text(item.chinese, "items", required: true)
            try Check.text(item.english, "items")
        }
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: nil) }
}

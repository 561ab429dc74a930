import Foundation

/// An enterprise on the heavy-pollution emergency reduction list (应急减排清单): every enterprise that
/// emits to air, with its grade and, per warning level, the measures it must take, down to
/// production lines ("一厂一策", seed 000 §21; seed 003 §(四): 可操作、可监测、可核查). Imported from the
/// county's list by supervisors or township staff. The subject is the entry; `enterprise` links it
/// to the scattered-polluting ledger when the same enterprise is on file there. A revised list
/// records the entry again under ``revisedType`` (the same content, following the entry): the
/// latest stands.
public struct ReductionListed: EventPayload, Hashable {
    public static let eventType: EventType = "alert.reduction.listed"
    public static let schema: UInt16 = 1

    public var name: String
    /// The grid node (by code) the enterprise lies in.
    public var node: String
    public var location: GeoPoint?
    public var industry: String
    public var grade: ReductionGrade
    /// The measures at each warning level, each a line an inspector checks ("停止 2 号窑").
    public var yellow: [String]
    public var orange: [String]
    public var red: [String]
    public var enterprise: UUID?

    public init(name: String, node: String, location: GeoPoint? = nil, industry: String, grade: ReductionGrade,
                yellow: [String], orange: [String], red: [String], enterprise: UUID? = nil) {
        self.name = name
        self.node = node
        self.location = location
        self.industry = industry
        self.grade = grade
        self.yellow = yellow
        self.orange = orange
        self.red = red
        self.enterprise = enterprise
    }

    /// The measures it must take at `level`.
    public func measures(at level: AlertLevel) -> [String] {
        switch level {
        case .yellow: yellow
        case .orange: orange
        case .red: red
        }
    }

    /// The most measures a level may list.
    public static let maxMeasures = 20

    /// The type of a revision of an entry (its grade or measures changed on a new list).
    public static let revisedType: EventType = "alert.reduction.revised"
}

extension ReductionListed {
    public static let definition = EventDefinition(
        ReductionListed.self, chinese: "应急减排清单企业", english: "emergency reduction list entry", recorders: .roles([.townshipStaff, .supervisor]),
        subject: .starts,
        example: ReductionListed(name: "东昌府区某铸造厂", node: "371502001", location: try! GeoPoint(latitude: 36.4490, longitude: 115.9900),
                                 industry: "铸造", grade: .c, yellow: ["停止 1 号冲天炉"], orange: ["停止 1 号冲天炉", "停止露天物料装卸"],
                                 red: ["全厂停产"]))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.text(name, "name", required: true)
        try Check.code(node, "node")
        try Check.text(industry, "industry")
        for measures in [yellow, orange, red] {
            try Check.count(measures.count, "measures", max: Self.maxMeasures)
            guard Set(measures).count == measures.count else { throw InvalidValue(field: "measures", rule: .duplicate) }
            for measure in measures { try Check.text(measure, "measures", required: true) }
        }
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: location) }

    /// A revision: the entry's new content, following the entry it revises, lying where it says.
    public static let revision = EventDefinition(
        type: revisedType, schema: schema, content: ReductionListed.self, chinese: "应急减排清单修订", english: "emergency reduction list entry revised",
        recorders: .roles([.townshipStaff, .supervisor]), subject: .follows([eventType]),
        example: ReductionListed(name: "东昌府区某铸造厂", node: "371502001", location: try! GeoPoint(latitude: 36.4490, longitude: 115.9900),
                                 industry: "铸造", grade: .b, yellow: [], orange: ["停止露天物料装卸"], red: ["停止 1 号冲天炉", "停止露天物料装卸"]))
}

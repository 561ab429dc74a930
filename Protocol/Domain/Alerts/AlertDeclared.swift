import Foundation

/// A heavy-pollution alert declared for a node until a time (重污染天气预警, seed 000 §20–22, seed
/// 003 §二): from when the event is recorded, every listed enterprise in the node owes its measures
/// at the level, every dust site stops earthworks from orange up, and every cell is patrolled in
/// every risky slot (seed 000 §19: 驻村驻点). A measure found not taken opens an issue due within
/// `deadlineHours`. The subject is the alert.
public struct AlertDeclared: EventPayload, Hashable {
    public static let eventType: EventType = "alert.declared"
    public static let schema: UInt16 = 1

    public var node: String
    public var level: AlertLevel
    /// When it ends unless lifted earlier.
    public var until: Timestamp
    /// How long a measure found not taken has to be put right, in hours.
    public var deadlineHours: Int
    public var note: String

    public init(node: String, level: AlertLevel, until: Timestamp, deadlineHours: Int = Self.defaultDeadlineHours, note: String = "") {
        self.node = node
        self.level = level
        self.until = until
        self.deadlineHours = deadlineHours
        self.note = note
    }

    /// Hours, not days: during an alert non-compliance is put right at once (seed 000 §(五)
    /// 加密执法检查频次…从严处罚).
    public static let defaultDeadlineHours = 12
    public static let maxDeadlineHours = 72
    /// The longest an alert may be declared for at once; a longer episode is declared again.
    public static let maxDays: Int64 = 15
}

extension AlertDeclared {
    public static let definition = EventDefinition(
        AlertDeclared.self, chinese: "重污染天气预警", english: "heavy-pollution alert declared", recorders: .roles([.supervisor]), subject: .starts,
        example: AlertDeclared(node: "371502", level: .orange, until: Timestamp(millisecondsSince1970: 1_793_721_600_000), note: "市应急指挥部通知"))

    public func check(recordedAt: Timestamp) throws(InvalidValue) {
        try Check.code(node, "node")
        guard until > recordedAt else { throw InvalidValue(field: "until", rule: .inThePast) }
        guard until.milliseconds(since: recordedAt) <= Self.maxDays * 86_400_000 else {
            throw InvalidValue(field: "until", rule: .tooFarAhead(days: Int(Self.maxDays)))
        }
        try Check.number(Double(deadlineHours), "deadlineHours", in: 1...Double(Self.maxDeadlineHours))
        try Check.text(note, "note", max: Check.longText)
    }

    public func placement(of event: Event) -> PlacementClaim { .located(node: node, location: nil) }
}

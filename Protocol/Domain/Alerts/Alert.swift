import Foundation

/// One alert as its events tell it, and the checks recorded while it was in force.
public struct Alert: Hashable, Sendable {
    /// A compliance check: which place, by whom, when, and each measure's result.
    public struct Check: Hashable, Sendable {
        public var event: UUID
        public var target: AlertCheckRecorded.Target
        public var place: UUID
        public var by: String
        public var at: Timestamp
        public var results: [String: Bool]
        public var note: String
        public var failed: [String] { results.filter { !$0.value }.map(\.key).sorted() }
    }

    public var id: UUID
    public var declaration: AlertDeclared
    public var declaredBy: String
    public var declaredAt: Timestamp
    public var liftedAt: Timestamp?
    public var checks: [Check] = []

    public var level: AlertLevel { declaration.level }
    public var node: String { declaration.node }
    /// When it stops being in force: lifted, or its end.
    public var end: Timestamp { min(liftedAt ?? declaration.until, declaration.until) }
    public var period: Range<Timestamp> { declaredAt..<max(end, declaredAt) }

    /// Whether it is in force at `time`.
    public func isInForce(at time: Timestamp) -> Bool { period.contains(time) }

    /// The latest check of `place`, if any.
    public func lastCheck(of place: UUID) -> Check? { checks.last { $0.place == place } }
}

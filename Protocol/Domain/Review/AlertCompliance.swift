import Foundation

/// How an alert was complied with (seed 003 §二: 可操作、可监测、可核查; seed 000 §(五): 加密执法检查):
/// per township, the places due a check, those checked and those found taking every measure, the
/// places nobody checked, and the issues failed measures opened and how far they got.
public struct AlertCompliance: Hashable, Sendable {
    public struct Township: Hashable, Sendable {
        public var node: String
        public var name: String
        public var due = 0
        public var checked = 0
        public var compliant = 0
        public var failedMeasures = 0
        /// Compliant among the places checked.
        public var rate: Double? { checked == 0 ? nil : Double(compliant) / Double(checked) }
    }

    public var alert: Alert
    public var townships: [Township]
    public var notInspected: [AlertDuty]
    /// Issues the failed measures opened: how many, closed out, and past their deadline.
    public var issuesOpened: Int
    public var issuesClosed: Int
    public var issuesOverdue: Int

    public var due: Int { townships.reduce(0) { $0 + $1.due } }
    public var checked: Int { townships.reduce(0) { $0 + $1.checked } }
    public var compliant: Int { townships.reduce(0) { $0 + $1.compliant } }

    /// - Parameter issues: the issues whose origin is one of the duties' places, reported while the alert was in force.
    public init(alert: Alert, duties: [AlertDuty], issues: [TicketSummary], grid: Grid, now: Timestamp) {
        self.alert = alert
        var townships: [String: Township] = [:]
        for duty in duties {
            let place = grid.township(of: duty.node)
            var township = townships[place.code] ?? Township(node: place.code, name: place.name)
            township.due += 1
            if let check = duty.check {
                township.checked += 1
                if check.failed.isEmpty { township.compliant += 1 }
                township.failedMeasures += check.failed.count
            }
            townships[place.code] = township
        }
        self.townships = townships.values.sorted { $0.node < $1.node }
        notInspected = duties.filter { $0.check == nil }
        let places = Set(duties.map(\.place))
        let opened = issues.filter { $0.origin.map(places.contains) ?? false && alert.period.contains($0.reportedAt) }
        issuesOpened = opened.count
        issuesClosed = opened.filter { !$0.isOpen }.count
        issuesOverdue = opened.filter { $0.isOverdue(at: now) }.count
    }
}

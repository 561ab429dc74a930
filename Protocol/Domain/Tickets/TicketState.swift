import Foundation

/// Where a ticket stands in the workflow.
public enum TicketState: String, Codable, Hashable, Sendable, CaseIterable {
    /// Found and reported (排查), not yet assigned.
    case reported
    /// Assigned with a deadline (交办).
    case assigned
    /// Being rectified (整改).
    case rectifying
    /// Reported rectified; waiting for on-site verification.
    case rectificationReported = "rectification-reported"
    /// Verified on site and closed out (销号).
    case closed
}

extension TicketState: NamedValue {
    /// What users call it.
    public func name(in language: Language) -> String {
        switch self {
        case .reported: language.say("已上报", "reported")
        case .assigned: language.say("已交办", "assigned")
        case .rectifying: language.say("整改中", "rectifying")
        case .rectificationReported: language.say("待核查", "awaiting verification")
        case .closed: language.say("已销号", "closed out")
        }
    }
}

/// What a user does in the grid, which decides what they may record.
public enum Role: String, Codable, Hashable, Sendable, CaseIterable {
    /// A grid officer (网格员): patrols one cell, reports issues and adds evidence.
    case gridOfficer = "grid-officer"
    /// Township or street staff (乡镇/街道环保工作人员): assign, get issues rectified, report rectification.
    case townshipStaff = "township-staff"
    /// A county or city supervisor (督导): verifies on site, closes, rejects, reopens, escalates.
    case supervisor
    /// An administrator: manages users and the grid, takes no part in the workflow.
    case admin
}

extension Role: NamedValue {
    /// What users call the role.
    public func name(in language: Language) -> String {
        switch self {
        case .gridOfficer: language.say("网格员", "grid officer")
        case .townshipStaff: language.say("乡镇工作人员", "township staff")
        case .supervisor: language.say("督导人员", "supervisor")
        case .admin: language.say("管理员", "administrator")
        }
    }
}

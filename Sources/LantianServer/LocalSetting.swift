import Foundation
import LantianFiles
import LantianDomain
import LantianWire
import LantianStore
import LantianSync

/// Configuration that localities set for themselves, for a grid node and below.
public enum LocalSetting: Hashable, Sendable {
    case checklist([ChecklistItem])
    case monitoringThreshold(squareMetres: Double)
    case dustfallLimit(year: Int, limit: Double)
    case signOffDepartments([String])
    /// The seasons patrols are required in (an empty list: none required there).
    case patrolSeasons([PatrolSeason])
    /// How townships are assessed in a year.
    case assessment(year: Int, scheme: AssessmentScheme)
    /// A county's air-quality targets for a season.
    case airTarget(AirTargetSet)

    public var name: String {
        switch self {
        case .checklist: "checklist"
        case .monitoringThreshold: "monitoring-threshold"
        case .dustfallLimit: "dustfall-limit"
        case .signOffDepartments: "signoff-departments"
        case .patrolSeasons: "patrol-seasons"
        case .assessment: "assessment"
        case .airTarget: "air-target"
        }
    }
}

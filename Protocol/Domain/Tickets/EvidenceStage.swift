/// When a photo of an issue was taken, as its workflow tells: before rectification (with the find,
/// or added while the township still owes it), after (with the report that it is rectified, or
/// added once that was reported), or at the supervisor's on-site verification. A supervisor
/// verifying compares the two sides (seed 003 §(十): 整改到位、验收销号).
public enum EvidenceStage: String, Hashable, Sendable, CaseIterable {
    case beforeRectification = "before-rectification"
    case afterRectification = "after-rectification"
    case atVerification = "at-verification"

    public func name(in language: Language) -> String {
        switch self {
        case .beforeRectification: language.say("整改前", "before rectification")
        case .afterRectification: language.say("整改后", "after rectification")
        case .atVerification: language.say("核查时", "at verification")
        }
    }
}

extension Ticket {
    /// Every step that added evidence, in order, with the stage its evidence shows.
    public var evidenceTrail: [(entry: Entry, stage: EvidenceStage)] {
        var rectified = false
        return history.compactMap { entry in
            let stage: EvidenceStage
            switch entry.kind {
            case .rectificationReported:
                rectified = true
                stage = .afterRectification
            case .verified:
                stage = .atVerification
            case .verificationFailed:
                rectified = false
                stage = .atVerification
            case .reopened:  // the rebound: a new round of rectification is owed
                rectified = false
                stage = .beforeRectification
            default:
                stage = rectified ? .afterRectification : .beforeRectification
            }
            return entry.evidence.isEmpty ? nil : (entry, stage)
        }
    }
}

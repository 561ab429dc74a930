import Foundation

/// One enterprise's case, computed from its events (and kept so, as JSON, in a store's read model).
public struct Enterprise: Hashable, Sendable, Codable {
    public var id: UUID
    public var registration: EnterpriseRegistered
    public var state: EnterpriseState = .registered
    public var disposition: Disposition?
    public var closureItems: Set<ClosureItem> = []
    public var signOffs: Set<String> = []
    /// How many times it was found operating again after completion (counted separately).
    public var resurgences = 0
    public var conflicts: [Conflict] = []

    public struct Conflict: Hashable, Sendable, Codable {
        public var event: UUID
        public var actor: String
        public var attempted: String
        public var reason: EnterpriseRuleViolation
    }

    /// Upgraded, signed off and back in production: on the whitelist (白名单) of enterprises allowed
    /// to operate (seed 003 §(十)). A ban-closed or relocated enterprise is completed, not whitelisted.
    public var isWhitelisted: Bool { state == .completed && disposition == .upgrade }
    /// The state as users call it: a completed case by how it ended (已取缔、已搬迁、已整改（白名单）).
    public func stateName(in language: Language) -> String { state.name(after: disposition, in: language) }
    /// Open cases are what "dynamic zero" (动态清零) drives to zero.
    public var isOpen: Bool { state != .completed }

    /// The enterprise after `step`, or why the step is not allowed. `requiredDepartments` is the sign-off list in force.
    public func applying(_ kind: EnterpriseStep.Kind, _ step: EnterpriseStep, requiredDepartments: [String]) throws(EnterpriseRuleViolation) -> Enterprise {
        var next = self
        switch kind {
        case .disposed:
            guard state == .registered else { throw .wrongState(state, step: kind) }
            guard let disposition = step.disposition else { throw .missing(field: "disposition") }
            (next.state, next.disposition) = (.inProgress, disposition)
        case .closureItemDone:
            // 两断三清: completes a ban-close; for a relocation, at the old site before it may move (seed 004 §21).
            guard state == .inProgress else { throw .wrongState(state, step: kind) }
            guard disposition == .banClose || disposition == .relocate else { throw .wrongDisposition(disposition, step: kind) }
            guard let item = step.item else { throw .missing(field: "item") }
            next.closureItems.insert(item)
            if disposition == .banClose, next.closureItems == Set(ClosureItem.allCases) { next.state = .completed }
        case .signedOff:
            try expect(.inProgress, .upgrade, kind)
            guard let department = step.department else { throw .missing(field: "department") }
            guard requiredDepartments.contains(department) else { throw .unknownDepartment(department) }
            next.signOffs.insert(department)
        case .productionResumed:
            try expect(.inProgress, .upgrade, kind)
            let missing = requiredDepartments.filter { !signOffs.contains($0) }
            guard missing.isEmpty else { throw .missingSignOffs(missing) }
            next.state = .completed
        case .relocated:
            try expect(.inProgress, .relocate, kind)
            let missing = ClosureItem.allCases.filter { !closureItems.contains($0) }
            guard missing.isEmpty else { throw .missingClosureItems(missing) }
            next.state = .completed
        case .resurgenceFound:
            guard state == .completed else { throw .wrongState(state, step: kind) }
            next.state = .inProgress
            next.resurgences += 1
            (next.closureItems, next.signOffs) = ([], [])
        }
        return next
    }

    private func expect(_ expected: EnterpriseState, _ needed: Disposition, _ kind: EnterpriseStep.Kind) throws(EnterpriseRuleViolation) {
        guard state == expected else { throw .wrongState(state, step: kind) }
        guard disposition == needed else { throw .wrongDisposition(disposition, step: kind) }
    }
}

extension Enterprise {
    private enum CodingKeys: String, CodingKey {
        case id, registration, state, disposition, closureItems, signOffs, resurgences, conflicts
    }

    /// Encodes the sets sorted, so that the same case always gives the same bytes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(registration, forKey: .registration)
        try container.encode(state, forKey: .state)
        try container.encodeIfPresent(disposition, forKey: .disposition)
        try container.encode(closureItems.map(\.rawValue).sorted(), forKey: .closureItems)
        try container.encode(signOffs.sorted(), forKey: .signOffs)
        try container.encode(resurgences, forKey: .resurgences)
        try container.encode(conflicts, forKey: .conflicts)
    }
}

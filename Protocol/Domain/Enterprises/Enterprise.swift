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

    /// Completed cases are on the whitelist (白名单).
    public var isWhitelisted: Bool { state == .completed }
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
            try expect(.inProgress, .banClose, kind)
            guard let item = step.item else { throw .missing(field: "item") }
            next.closureItems.insert(item)
            if next.closureItems == Set(ClosureItem.allCases) { next.state = .completed }
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

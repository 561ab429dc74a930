import Foundation

/// Where an enterprise's case stands.
public enum EnterpriseState: String, Codable, Hashable, Sendable {
    /// On file, no disposition yet.
    case registered
    /// A disposition is being carried out.
    case inProgress = "in-progress"
    /// Done: closed, relocated, or upgraded and resumed. On the whitelist (白名单).
    case completed
}

/// Why an enterprise step is not allowed where it falls.
public enum EnterpriseRuleViolation: Error, Hashable, Sendable {
    case wrongState(EnterpriseState, step: String)
    /// The step belongs to another disposition (a closure item on an upgrade…).
    case wrongDisposition(Disposition?, step: String)
    case missing(field: String)
    /// Production resumed before these departments signed off.
    case missingSignOffs([String])
    /// A department that is not on the required list.
    case unknownDepartment(String)
}

/// One enterprise's case, computed from its events.
public struct Enterprise: Hashable, Sendable {
    public var id: UUID
    public var registration: EnterpriseRegistered
    public var state: EnterpriseState = .registered
    public var disposition: Disposition?
    public var closureItems: Set<ClosureItem> = []
    public var signOffs: Set<String> = []
    /// How many times it was found operating again after completion (counted separately).
    public var resurgences = 0
    public var conflicts: [Conflict] = []

    public struct Conflict: Hashable, Sendable {
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
            guard state == .registered else { throw .wrongState(state, step: kind.rawValue) }
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
            guard state == .completed else { throw .wrongState(state, step: kind.rawValue) }
            next.state = .inProgress
            next.resurgences += 1
            (next.closureItems, next.signOffs) = ([], [])
        }
        return next
    }

    private func expect(_ expected: EnterpriseState, _ needed: Disposition, _ kind: EnterpriseStep.Kind) throws(EnterpriseRuleViolation) {
        guard state == expected else { throw .wrongState(state, step: kind.rawValue) }
        guard disposition == needed else { throw .wrongDisposition(disposition, step: kind.rawValue) }
    }
}

/// The scattered-polluting ledger (台账): every enterprise's case, from events in canonical order.
public struct Enterprises: Projection {
    public static let eventTypes: Set<EventType> = Set(EnterpriseStep.Kind.allCases.map(\.eventType))
        .union([EnterpriseRegistered.eventType, SignOffDepartmentsDefined.eventType, GridNodeDefined.eventType])

    public private(set) var byID: [UUID: Enterprise] = [:]
    public private(set) var orphans: [UUID] = []
    private var grid = Grid()
    private var departments: [String: [String]] = [:]

    public init() {}

    public mutating func apply(_ event: Event) {
        switch event.type {
        case GridNodeDefined.eventType:
            grid.apply(event)
        case SignOffDepartmentsDefined.eventType:
            if let defined = try? PayloadCodec.decode(SignOffDepartmentsDefined.self, from: event) { departments[defined.node] = defined.departments }
        case EnterpriseRegistered.eventType:
            guard byID[event.subject] == nil, let registration = try? PayloadCodec.decode(EnterpriseRegistered.self, from: event) else {
                return orphans.append(event.id)
            }
            byID[event.subject] = Enterprise(id: event.subject, registration: registration)
        default:
            guard let kind = EnterpriseStep.Kind(eventType: event.type), let enterprise = byID[event.subject],
                  let step = try? PayloadCodec.decode(EnterpriseStep.self, from: event.payload) else { return orphans.append(event.id) }
            do {
                byID[event.subject] = try enterprise.applying(kind, step, requiredDepartments: requiredDepartments(for: enterprise.registration.node))
            } catch {
                byID[event.subject]?.conflicts.append(Enterprise.Conflict(event: event.id, actor: event.actor, attempted: kind.rawValue, reason: error))
            }
        }
    }

    /// The sign-off list for `node`: the one defined for the nearest node of its lineage, else the standard.
    public func requiredDepartments(for node: String) -> [String] {
        grid.nearest(departments, for: node) ?? SignOffDepartmentsDefined.standard
    }

    public subscript(id: UUID) -> Enterprise? { byID[id] }

    /// All enterprises, by name.
    public var all: [Enterprise] { byID.values.sorted { ($0.registration.name, $0.id.uuidString) < ($1.registration.name, $1.id.uuidString) } }
}

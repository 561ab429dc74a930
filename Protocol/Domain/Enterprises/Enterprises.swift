import Foundation

/// The scattered-polluting ledger (台账): every enterprise's case, from events in canonical order.
public struct Enterprises: Projection {
    public static let eventTypes: Set<EventType> = Set(EnterpriseStep.Kind.allCases.map(\.eventType))
        .union([EnterpriseRegistered.eventType, SignOffDepartmentsDefined.eventType, GridNodeDefined.eventType])

    public private(set) var byID: [UUID: Enterprise] = [:]
    /// Events that could not be read, concern no known record, or start a record a second time
    /// (the first stands): kept in sight, never dropped silently.
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

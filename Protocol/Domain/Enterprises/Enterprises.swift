import Foundation

/// The scattered-polluting ledger (台账): every enterprise's case, from events in canonical order.
public struct Enterprises: Projection {
    public static let eventTypes: Set<EventType> = subjectTypes.union([SignOffDepartmentsDefined.eventType, GridNodeDefined.eventType])
    /// The types of the enterprises' own events, each about the enterprise it names.
    public static let subjectTypes: Set<EventType> = Set(EnterpriseStep.Kind.allCases.map(\.eventType)).union([EnterpriseRegistered.eventType])

    public private(set) var byID: [UUID: Enterprise] = [:]
    /// Events that could not be read, concern no known record, or start a record a second time
    /// (the first stands): kept in sight, never dropped silently.
    public private(set) var orphans: [UUID] = []
    /// The sign-off lists over time: a step is judged by the list in force where and when it was taken.
    public private(set) var signOffs = SignOffHistory()

    public init() {}

    /// A ledger of these enterprises, as a store's table holds them, with the sign-off lists over time.
    public init(signOffs: SignOffHistory, enterprises: some Sequence<Enterprise> = []) {
        self.signOffs = signOffs
        for enterprise in enterprises { byID[enterprise.id] = enterprise }
    }

    public mutating func apply(_ event: Event) {
        switch event.type {
        case GridNodeDefined.eventType, SignOffDepartmentsDefined.eventType:
            signOffs.apply(event)
        case EnterpriseRegistered.eventType:
            guard byID[event.subject] == nil, let registration = try? PayloadCodec.decode(EnterpriseRegistered.self, from: event) else {
                return orphans.append(event.id)
            }
            byID[event.subject] = Enterprise(id: event.subject, registration: registration)
        default:
            guard let kind = EnterpriseStep.Kind(eventType: event.type), let enterprise = byID[event.subject],
                  let step = try? PayloadCodec.decode(EnterpriseStep.self, from: event.payload) else { return orphans.append(event.id) }
            let required = signOffs.requiredDepartments(for: enterprise.registration.node, before: event.position)
            do {
                byID[event.subject] = try enterprise.applying(kind, step, requiredDepartments: required)
            } catch {
                byID[event.subject]?.conflicts.append(Enterprise.Conflict(event: event.id, actor: event.actor, attempted: kind.rawValue, reason: error))
            }
        }
    }

    /// The sign-off list for `node` now: the one defined for the nearest node of its lineage, else the standard.
    public func requiredDepartments(for node: String) -> [String] { signOffs.requiredDepartments(for: node, before: nil) }

    public subscript(id: UUID) -> Enterprise? { byID[id] }

    /// All enterprises, by name.
    public var all: [Enterprise] { byID.values.sorted { ($0.registration.name, $0.id.uuidString) < ($1.registration.name, $1.id.uuidString) } }
}

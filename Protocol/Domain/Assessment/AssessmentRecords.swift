import Foundation

/// The assessment schemes set and the falsification findings, from their events.
public struct AssessmentRecords: Projection {
    public static let eventTypes: Set<EventType> = [AssessmentSchemeDefined.eventType, FalsificationFound.eventType]

    /// Schemes by node, then year (the latest definition of each).
    public private(set) var schemes: [String: [Int: AssessmentScheme]] = [:]
    public private(set) var findings: [UUID: FalsificationFound] = [:]

    public init() {}

    public mutating func apply(_ event: Event) {
        switch event.type {
        case AssessmentSchemeDefined.eventType:
            guard let defined = try? PayloadCodec.decode(AssessmentSchemeDefined.self, from: event) else { return }
            schemes[defined.node, default: [:]][defined.year] = defined.scheme
        case FalsificationFound.eventType:
            guard findings[event.subject] == nil, let finding = try? PayloadCodec.decode(FalsificationFound.self, from: event) else { return }
            findings[event.subject] = finding
        default:
            return
        }
    }

    /// The scheme for `node` in `year`: set for the nearest node of its lineage, else the standard one.
    public func scheme(for node: String, year: Int, grid: Grid) -> AssessmentScheme {
        grid.nearest(schemes.compactMapValues { $0[year] }, for: node) ?? .standard
    }

    /// The townships found to have falsified records of `month`.
    public func falsified(in month: ReviewMonth) -> Set<String> {
        Set(findings.values.filter { $0.month == month.description }.map(\.node))
    }
}

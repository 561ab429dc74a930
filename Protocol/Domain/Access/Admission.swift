import Foundation

/// Whether an event may be accepted, and where its record lies: the server's rules for every
/// pushed event, which a device applies too before it records (the same code, so a device never
/// shows as recorded what its server will refuse).
///
/// Two steps, so the store can look up what the second needs between them:
/// 1. ``read(_:receivedAt:)``: the envelope's clock against the server's (``EventBounds``), then
///    the payload, decoded and range-checked by its type's ``EventDefinition``.
/// 2. ``decide(_:of:by:scope:grid:records:)``: who may record it (actor, role, server-only types),
///    where it lies (the server places it from its location and the grid, or from the record its
///    subject names: ``Grid/place(stated:location:scope:)``), whether that lies in the user's
///    scope, and whether its subject is free (a subject belongs to its first record).
///
/// ```swift
/// switch Admission.read(event, receivedAt: now) {
/// case .failure(let refusal): quarantine(event, refusal)
/// case .success(let reading): let verdict = try Admission.decide(reading, of: event, by: user, scope: scope, grid: grid, records: lookUp)
/// }
/// ```
public enum Admission {
    /// An event whose clock and payload check out: its type's definition and its decoded payload.
    public struct Reading: Sendable {
        /// `nil` for a type this build does not know: a server refuses it, a device keeps it for a newer build.
        public let definition: EventDefinition?
        public let content: (any EventContent)?
    }

    /// What a store already holds of a subject: the type that started it and where it lies.
    public struct SubjectRecord: Hashable, Sendable {
        public var type: EventType
        public var node: String

        public init(type: EventType, node: String) {
            self.type = type
            self.node = node
        }
    }

    /// An event the server may accept: where its record lies (`nil`: every device receives it),
    /// whether it starts its subject (which the store then notes as taken), the blobs it cites
    /// (``CitesEvidence``), which users who see it may then fetch, for a transfer, the node
    /// the record lay at before (which sees the transfer too; the record lies at `node` from now),
    /// and for a referral, the user who referred it, who keeps seeing the record.
    public struct Verdict: Hashable, Sendable {
        public var node: String?
        public var startsSubject: Bool
        public var cites: Set<String>
        public var formerNode: String?
        public var referredBy: String?

        public init(node: String?, startsSubject: Bool, cites: Set<String> = [], formerNode: String? = nil, referredBy: String? = nil) {
            self.node = node
            self.startsSubject = startsSubject
            self.cites = cites
            self.formerNode = formerNode
            self.referredBy = referredBy
        }
    }

    /// Reads `event` as it enters a replica: its clock must be plausible against the server's clock
    /// when the server received it (`receivedAt`; `nil` for a record being made, by a device or the
    /// server itself), and its payload must decode and keep its type's rules.
    public static func read(_ event: Event, receivedAt: Timestamp?) -> Result<Reading, Refusal> {
        if event.actor.allSatisfy(\.isWhitespace) { return .failure(.noActor) }
        if let refusal = EventBounds.refusal(of: event, receivedAt: receivedAt) { return .failure(refusal) }
        guard let definition = EventCatalogue.definition(of: event.type) else { return .success(Reading(definition: nil, content: nil)) }
        do {
            let content = try definition.read(event.payload)
            try content.check(recordedAt: event.recordedAt)
            // One content, one encoding: no replica, in any language, can read the payload otherwise.
            guard try PayloadCodec.encode(content) == event.payload else { return .failure(.notCanonical(type: event.type)) }
            return .success(Reading(definition: definition, content: content))
        } catch let error as InvalidValue {
            return .failure(.breaksRule(type: event.type, error: error))
        } catch {
            return .failure(.unreadable(type: event.type, detail: Self.describe(error)))
        }
    }

    /// Whether `user` (whose scope is `scope`) may have recorded `event`, read as `reading`, and
    /// where it lies. `records` looks up what the store holds of a subject.
    public static func decide(
        _ reading: Reading, of event: Event, by user: UserRegistered, scope: GridScope, grid: Grid,
        records: (UUID) throws -> SubjectRecord?
    ) rethrows -> Result<Verdict, Refusal> {
        guard let definition = reading.definition, let content = reading.content else { return .failure(.unknownType(type: event.type)) }
        if event.actor != user.name { return .failure(.recordedAsOther(actor: event.actor, user: user.name)) }
        guard case .roles(let roles) = definition.recorders else { return .failure(.serverOnly(type: event.type)) }
        guard Recorders.fieldRoles.contains(user.role) else { return .failure(.roleTakesNoPart(role: user.role)) }
        guard roles.contains(user.role), content.mayBeRecorded(by: user.role) else { return .failure(.roleMayNot(role: user.role, type: event.type)) }

        let own = try records(event.subject)
        let cited = (content as? any CitesEvidence)?.citedDigests ?? []
        switch definition.subject {
        case .starts:
            if let own { return .failure(.subjectTaken(subject: event.subject, by: own.type)) }
        case .follows(let types):
            if let refusal = refusal(following: own, subject: event.subject, startedBy: types) { return .failure(refusal) }
        case .defines:
            return .failure(.serverOnly(type: event.type))
        }

        let placement = content.placement(of: event)
        switch placement {
        case .located(let stated, let location):
            switch grid.place(stated: stated, location: location, scope: user.scope) {
            case .failure(let refusal): return .failure(refusal)
            case .success(nil): return .failure(.unplaced(type: event.type))
            case .success(let node?):
                if scope.contains(node) { return .success(Verdict(node: node, startsSubject: definition.subject == .starts, cites: cited)) }
                // 移交: outside the scope only as a referral, which the office where it lies owns.
                guard definition.subject == .starts, (content as? any Referable)?.isReferral == true else {
                    return .failure(.outsideScope(node: node, user: user.name, scope: user.scope))
                }
                return .success(Verdict(node: node, startsSubject: true, cites: cited, referredBy: user.name))
            }
        case .sameAs(let subject, let types), .within(let subject, let types, _):
            let record = subject == event.subject ? own : try records(subject)
            if let refusal = refusal(following: record, subject: subject, startedBy: types) { return .failure(refusal) }
            guard let node = record?.node else { return .failure(.unknownSubject(subject: subject)) }
            // A record placed only to a coarser node covering the scope (a satellite lead at its
            // county) may be followed up by anyone beneath it.
            guard scope.overlaps(node) else { return .failure(.outsideScope(node: node, user: user.name, scope: user.scope)) }
            // Within: the location must lie where the record does, as far as boundaries tell.
            if case .within(_, _, let location) = placement, case .failure(let refusal) = grid.place(stated: node, location: location, scope: nil) {
                return .failure(refusal)
            }
            return .success(Verdict(node: node, startsSubject: definition.subject == .starts, cites: cited))
        case .transfers(let subject, let types, let target):
            let record = subject == event.subject ? own : try records(subject)
            if let refusal = refusal(following: record, subject: subject, startedBy: types) { return .failure(refusal) }
            guard let node = record?.node else { return .failure(.unknownSubject(subject: subject)) }
            guard scope.overlaps(node) else { return .failure(.outsideScope(node: node, user: user.name, scope: user.scope)) }
            // 属地管理: within the county where it lies, to the office that owns the place.
            guard let targetNode = grid.nodes[target] else { return .failure(.unknownNode(node: target)) }
            guard !targetNode.isRetired else { return .failure(.retiredNode(node: target)) }
            guard let county = grid.enclosing(node, at: .county)?.code, grid.node(target, isWithin: county) else {
                return .failure(.outsideScope(node: target, user: user.name, scope: grid.enclosing(node, at: .county)?.code ?? node))
            }
            return .success(Verdict(node: target, startsSubject: false, cites: cited, formerNode: node))
        case .supervision(let node):
            guard let defined = grid.nodes[node] else { return .failure(.unknownNode(node: node)) }
            guard !defined.isRetired else { return .failure(.retiredNode(node: node)) }
            guard scope.supervising, scope.overlaps(node) else { return .failure(.outsideScope(node: node, user: user.name, scope: user.scope)) }
            return .success(Verdict(node: GridScope.supervisionPlace(about: node, grid: grid), startsSubject: definition.subject == .starts, cites: cited))
        case .everyone, .scopeOf:
            return .failure(.serverOnly(type: event.type))
        }
    }

    /// Where an event the server records itself lies (`nil`: every device receives it).
    public static func nodeOfServerRecord(_ event: Event, content: any EventContent,
                                          records: (UUID) throws -> SubjectRecord?) rethrows -> String? {
        switch content.placement(of: event) {
        case .everyone: return nil
        case .located(let node, _): return node
        case .sameAs(let subject, _), .within(let subject, _, _), .transfers(let subject, _, _): return try records(subject)?.node
        case .scopeOf(let user): return try records(UserRegistered.subject(for: user))?.node
        // Only supervisors record these; were the server to, the place beside the node itself is seen by no one rather than everyone.
        case .supervision(let node): return GridScope.supervision(of: node)
        }
    }

    private static func refusal(following record: SubjectRecord?, subject: UUID, startedBy types: Set<EventType>) -> Refusal? {
        guard let record else { return .unknownSubject(subject: subject) }
        guard types.contains(record.type) else {
            return .subjectOfOtherKind(subject: subject, kind: record.type, expected: types.sorted { $0.rawValue < $1.rawValue })
        }
        return nil
    }

    /// A decoding error in a few words (Swift's own description names internal types).
    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(path(context))"
        case DecodingError.dataCorrupted(let context): context.codingPath.isEmpty ? "not JSON" : "bad value at \(path(context))"
        case let error as PayloadReadError: error.description
        default: "\(type(of: error))"
        }
    }

    private static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}

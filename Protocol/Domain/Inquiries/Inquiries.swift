import Foundation

/// Inquiries (一案双查) from their events. A conclusion needs an outcome; a step after the
/// conclusion, or a conclusion of neglect without the person responsible, is set aside in ``orphans``.
public struct Inquiries: Projection {
    public static let eventTypes: Set<EventType> = Set([InquiryOpened.eventType] + InquiryStep.Kind.allCases.map(\.eventType))

    public struct Inquiry: Hashable, Sendable {
        public var id: UUID
        public var opening: InquiryOpened
        public var openedBy: String
        public var openedAt: Timestamp
        public var findings: [Finding] = []
        public var outcome: InquiryStep.Outcome?
        public var responsible: String?
        public var concludedAt: Timestamp?
        public var conclusion: String?

        public var isOpen: Bool { outcome == nil }
    }

    public struct Finding: Hashable, Sendable {
        public var at: Timestamp
        public var by: String
        public var note: String
    }

    public private(set) var inquiries: [UUID: Inquiry] = [:]
    public private(set) var orphans: [UUID] = []

    public init() {}

    public subscript(id: UUID) -> Inquiry? { inquiries[id] }

    public mutating func apply(_ event: Event) {
        if event.type == InquiryOpened.eventType {
            guard inquiries[event.subject] == nil, let opened = try? PayloadCodec.decode(InquiryOpened.self, from: event) else { return orphans.append(event.id) }
            inquiries[event.subject] = Inquiry(id: event.subject, opening: opened, openedBy: event.actor, openedAt: event.recordedAt)
            return
        }
        guard let kind = InquiryStep.Kind(eventType: event.type) else { return }
        guard var inquiry = inquiries[event.subject], inquiry.isOpen, let step = try? PayloadCodec.decode(InquiryStep.self, from: event.payload) else {
            return orphans.append(event.id)
        }
        switch kind {
        case .finding:
            inquiry.findings.append(Finding(at: event.recordedAt, by: event.actor, note: step.note))
        case .concluded:
            guard let outcome = step.outcome, outcome == .fulfilled || step.responsible != nil else { return orphans.append(event.id) }
            (inquiry.outcome, inquiry.responsible, inquiry.concludedAt, inquiry.conclusion) = (outcome, step.responsible, event.recordedAt, step.note)
        }
        inquiries[event.subject] = inquiry
    }

    /// Inquiries concluded in `month` that found the office under `township` neglected its duty.
    public func neglect(in month: ReviewMonth, township: String, grid: Grid) -> [Inquiry] {
        inquiries.values.filter { inquiry in
            inquiry.outcome == .neglected && inquiry.concludedAt.map(month.contains) == true && grid.node(inquiry.opening.node, isWithin: township)
        }.sorted { ($0.openedAt, $0.id.uuidString) < ($1.openedAt, $1.id.uuidString) }
    }
}

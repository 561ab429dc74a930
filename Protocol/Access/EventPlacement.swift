import Foundation

/// Where in the grid an event belongs, which decides who may record it and who receives it.
public enum EventPlacement: Hashable, Sendable {
    /// Reference data every device needs: the grid, the users, the enrolled devices, blob arrivals.
    case everyone
    /// A grid node (by code).
    case node(String)
    /// The same node as the record it is about (a ticket's later step, a fire point put out).
    case sameAs(subject: UUID)
    /// The node of a user's scope: a device's sync report (who sees that user's work), or a fire
    /// point recorded before its device knew the grid (it belongs to where its recorder works).
    case scopeOf(user: String)
    /// A record that should name its node and does not.
    case unplaced
    /// A type this build does not know.
    case unknown

    /// The placement of `event`, from its type and payload.
    public static func of(_ event: Event) -> EventPlacement {
        of(event, payload: EventValidation.read(event).payload)
    }

    /// The placement of `event` whose payload ``EventValidation/read(_:)`` has decoded already
    /// (`nil`: it did not decode).
    public static func of(_ event: Event, payload: (any Sendable)?) -> EventPlacement {
        if let place = fixed[event.type] { return place(event, payload) }
        return unknown
    }

    /// Whether a record of this type starts a record that later events refer to by subject.
    public static func startsRecord(_ type: EventType) -> Bool { originTypes.contains(type) }

    private static let originTypes: Set<EventType> = [
        TicketReported.eventType, FirePointReport.eventType, EnterpriseRegistered.eventType,
        DustSiteRegistered.eventType, DustfallStationRegistered.eventType,
    ]

    /// Each known type's placement, from the event and its decoded payload.
    private static let fixed: [EventType: @Sendable (Event, (any Sendable)?) -> EventPlacement] = {
        var places: [EventType: @Sendable (Event, (any Sendable)?) -> EventPlacement] = [:]
        func byNode<Payload: EventPayload>(_: Payload.Type, _ node: @escaping @Sendable (Payload) -> String?) {
            places[Payload.eventType] = { _, payload in
                guard let payload = payload as? Payload else { return .unplaced }
                return node(payload).map(EventPlacement.node) ?? .unplaced
            }
        }
        func bySubject(_ type: EventType) { places[type] = { event, _ in .sameAs(subject: event.subject) } }
        for type in [GridNodeDefined.eventType, UserRegistered.eventType, DeviceEnrolled.eventType, DeviceRevoked.eventType,
                     AttachmentReceived.eventType] {
            places[type] = { _, _ in .everyone }
        }
        places[FirePointReport.eventType] = { event, payload in
            guard let report = payload as? FirePointReport else { return .unplaced }
            return report.node.map(EventPlacement.node) ?? .scopeOf(user: event.actor)
        }
        places[DeviceSyncReported.eventType] = { _, payload in
            (payload as? DeviceSyncReported).map { .scopeOf(user: $0.actor) } ?? .unplaced
        }
        byNode(TicketReported.self) { $0.node }
        byNode(EnterpriseRegistered.self) { $0.node }
        byNode(DustSiteRegistered.self) { $0.node }
        byNode(DustfallStationRegistered.self) { $0.node }
        byNode(DustChecklistDefined.self) { $0.node }
        byNode(DustMonitoringThresholdSet.self) { $0.node }
        byNode(DustfallLimitSet.self) { $0.node }
        byNode(SignOffDepartmentsDefined.self) { $0.node }
        places[DustfallReadingRecorded.eventType] = { _, payload in  // a reading is about its station, named by code
            guard let reading = payload as? DustfallReadingRecorded else { return .unplaced }
            return .sameAs(subject: .version5(name: "dustfall-station:\(reading.station)"))
        }
        for type in [FireResponseRecorded.eventType, FireAccountabilityRecorded.eventType, DustSiteInspected.eventType] {
            bySubject(type)
        }
        for kind in TicketStep.Kind.allCases { bySubject(kind.eventType) }
        for kind in EnterpriseStep.Kind.allCases { bySubject(kind.eventType) }
        return places
    }()
}

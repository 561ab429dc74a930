import Foundation

/// Whether an event can be accepted at all: a known type's payload must decode, which also checks
/// its rules (ranges, required fields). Unknown types pass: a newer client may know more types.
///
/// ```swift
/// if let problem = EventValidation.problem(with: event) { quarantine(event, problem) }
/// ```
public enum EventValidation {
    private static let readers: [EventType: @Sendable (Data) throws -> Void] = {
        var readers: [EventType: @Sendable (Data) throws -> Void] = [:]
        func register<Payload: EventPayload>(_: Payload.Type) {
            readers[Payload.eventType] = { _ = try PayloadCodec.decode(Payload.self, from: $0) }
        }
        register(FirePointReport.self)
        register(FireResponseRecorded.self)
        register(FireAccountabilityRecorded.self)
        register(TicketReported.self)
        register(EnterpriseRegistered.self)
        register(DustSiteRegistered.self)
        register(DustSiteInspected.self)
        register(DustfallStationRegistered.self)
        register(DustfallReadingRecorded.self)
        register(GridNodeDefined.self)
        register(UserRegistered.self)
        register(DeviceSyncReported.self)
        register(AttachmentReceived.self)
        register(DeviceEnrolled.self)
        register(DeviceRevoked.self)
        for kind in TicketStep.Kind.allCases { readers[kind.eventType] = { _ = try PayloadCodec.decode(TicketStep.self, from: $0) } }
        for kind in EnterpriseStep.Kind.allCases { readers[kind.eventType] = { _ = try PayloadCodec.decode(EnterpriseStep.self, from: $0) } }
        return readers
    }()

    /// Every type whose payload is checked, in a fixed order.
    public static var knownTypes: [EventType] { readers.keys.sorted { $0.rawValue < $1.rawValue } }

    /// Why `event` cannot be accepted, or `nil` when it can.
    public static func problem(with event: Event) -> String? {
        if event.actor.trimmingCharacters(in: .whitespaces).isEmpty { return "the event names no actor" }
        guard let read = readers[event.type] else { return nil }
        do {
            try read(event.payload)
            return nil
        } catch let error as ValidationError {
            return "\(event.type) payload breaks a rule: \(error.field) \(error.rule)"
        } catch {
            return "\(event.type) payload cannot be read: \(error)"
        }
    }
}
